// libFuzzer target: the lenient Digest parsers must never crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "net/digest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto creds = amtscope::ParseDigestAuthorization(input);
  if (creds.ok()) {
    (void)amtscope::DigestResponse(creds->username, creds->realm, "pw", "GET",
                                   creds->uri, creds->nonce, creds->nc,
                                   creds->cnonce, creds->qop);
  }
  (void)amtscope::ParseDigestChallenge(input);
  return 0;
}
