// libFuzzer target: the config file parser (core/config_file.h) takes any
// bytes; what it accepts has keys in [a-z0-9-] and a line inside the text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/config_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto entries = amtscope::ParseConfigText(text, "fuzz.conf");
  if (!entries.ok()) return 0;
  for (const amtscope::ConfigEntry& e : *entries) {
    if (e.key.empty() || e.line == 0 || e.line > size + 1) std::abort();
    for (char c : e.key) {
      bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      if (!ok) std::abort();
    }
  }
  return 0;
}
