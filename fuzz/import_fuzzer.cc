// libFuzzer target: every importer (amtscope NDJSON, check --json, nmap XML,
// masscan -oL / -oJ) takes any bytes without crashing, each format parser
// directly and through the format detection `inventory import` uses.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "inventory/import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)amtscope::ParseImport(text);
  (void)amtscope::ParseScanNdjson(text);
  (void)amtscope::ParseCheckJson(text);
  (void)amtscope::ParseNmapXml(text);
  (void)amtscope::ParseMasscanList(text);
  (void)amtscope::ParseMasscanJson(text);
  (void)amtscope::ParseRfc3339(text);
  return 0;
}
