// libFuzzer: every MEI reply decoder (MKHI, AMTHI) and the capture replay,
// on arbitrary bytes from a hostile or broken ME
// (docs/local-detection.md §1.2).
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "local/amthi.h"
#include "local/mei_capture.h"
#include "local/mei_client.h"
#include "local/mkhi.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  using namespace amtscope;
  std::span<const std::uint8_t> bytes(data, size);
  (void)DecodeMkhiGetFwVersion(bytes);
  (void)DecodeMkhiGetRule(bytes, kRulePlatformType);
  for (std::uint32_t cmd : {kAmthiGetCodeVersions, kAmthiGetProvisioningState,
                            kAmthiGetControlMode}) {
    auto reply = DecodeAmthiReply(bytes, cmd);
    if (reply.ok()) {
      auto cv = DecodeCodeVersions(reply->body);
      if (cv.ok()) {
        (void)cv->AmtVersion();
        (void)cv->SkuBits();
      }
      (void)DecodeU32Body(reply->body, "fuzz");
    }
  }
  (void)DecodeCodeVersions(bytes);
  // The same bytes as a capture file driving a whole MEI session.
  ReplayMei replay = ReplayMei::Parse(
      std::string_view(reinterpret_cast<const char*>(data), size));
  (void)QueryMei(replay);
  return 0;
}
