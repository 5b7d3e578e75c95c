// SMBIOS structure table: one bounded parser for the raw table Linux exposes
// at /sys/firmware/dmi/tables/DMI and Windows returns from
// GetSystemFirmwareTable('RSMB') (after its 8-byte RawSMBIOSData header),
// the machine identity read from it, and the sanitised copy a capture keeps
// (docs/local-detection.md §5, docs/windows.md).
#ifndef AMTSCOPE_LOCAL_SMBIOS_H_
#define AMTSCOPE_LOCAL_SMBIOS_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "local/dmi.h"

namespace amtscope {

/// One structure: its formatted area (header included) and its strings.
struct SmbiosStructure {
  std::uint8_t type = 0;
  std::uint16_t handle = 0;
  std::vector<std::uint8_t> formatted;  // type, length, handle, fields
  std::vector<std::string> strings;     // string 1 is strings[0]
  /// The byte at `offset` of the formatted area, or 0 when it is shorter.
  std::uint8_t Byte(std::size_t offset) const;
  /// The string a field at `offset` names (1-based index); "" for index 0,
  /// an index past the strings, or a field outside the formatted area.
  std::string String(std::size_t offset) const;
};

/// The parser's limits: a table of at most 1 MiB and 4096 structures; a
/// structure's string set of at most 255 strings of 4096 bytes each.
inline constexpr std::size_t kMaxSmbiosTable = std::size_t{1} << 20;
inline constexpr std::size_t kMaxSmbiosStructures = 4096;

/// Parses a structure table up to type 127 (end of table) or its end.
/// Corruption for a truncated structure (length < 4, past the end, or a
/// string set without its double NUL); the structures before it are kept
/// in `partial` when given.
Result<std::vector<SmbiosStructure>> ParseSmbiosTable(
    std::span<const std::uint8_t> table,
    std::vector<SmbiosStructure>* partial = nullptr);

/// The table inside GetSystemFirmwareTable('RSMB')'s RawSMBIOSData: an
/// 8-byte header (calling method, major, minor, DMI revision, DWORD length)
/// then the table; Corruption when the length does not fit.
Result<std::span<const std::uint8_t>> RawSmbiosTable(
    std::span<const std::uint8_t> raw);

/// The DMI strings (types 0, 1, 2) with the same cleaning, junk filtering and
/// vendor/model rules as /sys/class/dmi/id (dmi.h).
DmiFacts DmiFromSmbios(const std::vector<SmbiosStructure>& structures);

/// A table safe to put in a capture: only types 0 (BIOS), 1 (system) and 2
/// (baseboard) and the end marker, with the system UUID zeroed and every
/// serial number and asset tag string removed (the string sets are rebuilt,
/// so the text is gone, not just unreferenced).
std::vector<std::uint8_t> SanitizedSmbiosTable(
    const std::vector<SmbiosStructure>& structures);

}  // namespace amtscope

#endif  // AMTSCOPE_LOCAL_SMBIOS_H_
