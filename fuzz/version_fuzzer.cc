// libFuzzer target: FirmwareVersion::Parse and Compare never crash, and a
// parsed version prints in a form that parses back to itself.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/firmware_version.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = amtscope::FirmwareVersion::Parse(text);
  if (!parsed.ok()) return 0;
  auto again = amtscope::FirmwareVersion::Parse(parsed->ToString());
  if (!again.ok() || !(*again == *parsed)) std::abort();
  static const amtscope::FirmwareVersion kFix(8, 1, 71, 3608);
  (void)parsed->Compare(kFix);
  (void)kFix.Compare(*parsed);
  return 0;
}
