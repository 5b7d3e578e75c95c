// libFuzzer: the text parsers of `amtscope check` — fw_status, fw_ver,
// /proc/net/tcp{,6}, DMI junk detection, HTTP response heads.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "local/dmi.h"
#include "local/hfsts.h"
#include "local/lms.h"
#include "local/local_web.h"
#include "local/mei_sysfs.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  using namespace amtscope;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto h = ParseFwStatus(text);
  if (h.ok()) (void)SkuFromHfsts(*h, 11);
  std::vector<std::string> notes;
  (void)ParseFwVer(text, &notes);
  (void)ParseProcNetTcp(text, false);
  (void)ParseProcNetTcp(text, true);
  (void)IsJunkDmiValue(text);
  WebProbeResult r;
  (void)ParseHttpHead(text, &r);
  return 0;
}
