// libFuzzer: Server header and realm parsing never crash; a recognised
// banner always names a product.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "amt/banner.h"
#include "amt/web.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  amtscope::Banner b = amtscope::ParseServerBanner(in);
  if (b.amt && b.product.empty()) __builtin_trap();
  if (!b.amt && (b.version.known() || !b.product.empty())) __builtin_trap();
  (void)amtscope::IsAmtRealm(in);
  return 0;
}
