// libFuzzer: the redirection reply parser takes any bytes; AMT only with the
// full 13 + OEM bytes and Intel's enterprise number.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "amt/redirection.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  amtscope::RedirectionReply r = amtscope::ParseRedirectionReply(in);
  if (r.amt && (size < amtscope::RedirectionReplySize(in) ||
                size < amtscope::kRedirectionReplyMin || r.enterprise != 343))
    __builtin_trap();
  (void)amtscope::IsRedirectionStart(in);
  return 0;
}
