// libFuzzer: the streaming HTTP response reader and the page scanner must
// never crash, read out of bounds or exceed their limits, however the bytes
// are split.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "net/http_response.h"
#include "scan/page_scanner.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the split size, so chunk boundaries vary.
  size_t step = 1 + data[0] % 64;
  std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  amtscope::HttpLimits limits;
  limits.max_body = 4096;
  limits.max_header_bytes = 2048;
  amtscope::HttpResponseReader reader(limits);
  amtscope::PageScanner page;
  reader.Reset(&page);
  size_t pos = 0;
  while (pos < in.size() && !reader.done()) {
    std::string_view piece = in.substr(pos, step);
    size_t used = reader.Feed(piece);
    if (used > piece.size()) __builtin_trap();
    pos += piece.size();
  }
  reader.OnEof();
  if (reader.body_bytes() > limits.max_body) __builtin_trap();
  if (page.footer_version().size() > 64 || page.wsman_version().size() > 64)
    __builtin_trap();
  (void)reader.keep_alive();
  return 0;
}
