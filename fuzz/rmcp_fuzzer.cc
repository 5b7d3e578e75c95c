// libFuzzer: the RMCP pong parser takes any datagram; only a complete pong
// with Intel's enterprise number is ever AMT.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "amt/rmcp.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  amtscope::RmcpPong p = amtscope::ParseRmcpPong(in);
  if (p.kind == amtscope::RmcpKind::kAmt &&
      (size < amtscope::kRmcpPongSize || p.enterprise != amtscope::kIntelIana))
    __builtin_trap();
  if (p.reason.empty()) __builtin_trap();
  return 0;
}
