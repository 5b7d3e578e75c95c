// Any bytes as an SMBIOS table and as RawSMBIOSData: the parser stays in
// bounds, and what it parses sanitises and re-parses.
#include <cstddef>
#include <cstdint>
#include <span>

#include "local/smbios.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  using namespace amtscope;
  std::span<const std::uint8_t> bytes(data, size);
  std::vector<SmbiosStructure> partial;
  auto parsed = ParseSmbiosTable(bytes, &partial);
  const auto& structures = parsed.ok() ? *parsed : partial;
  (void)DmiFromSmbios(structures);
  std::vector<std::uint8_t> clean = SanitizedSmbiosTable(structures);
  if (!ParseSmbiosTable(clean).ok()) __builtin_trap();  // must re-parse
  if (auto inner = RawSmbiosTable(bytes); inner.ok())
    (void)ParseSmbiosTable(*inner);
  return 0;
}
