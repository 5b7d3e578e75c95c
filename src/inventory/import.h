// Importers: other tools' scan results turned into the inventory's records
// (issue 12, `amtscope inventory import`). Pure parsing, no I/O but
// ImportFile's bounded read; every parser accepts any bytes without
// crashing and keeps at most kMaxImportRecords findings.
//
// Formats: amtscope scan NDJSON ("type":"port" lines, the "summary" line
// gives start/end/arguments), `amtscope check --json` (one object, or one
// per line when many machines' files were concatenated), nmap XML with the
// http-vuln-cve2017-5689 script, masscan -oL and -oJ (open ports only: the
// verdict is "unknown", nothing was judged).
#ifndef AMTSCOPE_INVENTORY_IMPORT_H_
#define AMTSCOPE_INVENTORY_IMPORT_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "inventory/inventory.h"
#include "model/finding.h"

namespace amtscope {

inline constexpr size_t kMaxImportRecords = size_t{1} << 24;
inline constexpr size_t kMaxImportFileBytes = size_t{2} << 30;  // 2 GiB

enum class ImportFormat {
  kNdjson,       // amtscope scan -oJ / --format ndjson
  kCheckJson,    // amtscope check --json
  kNmapXml,      // nmap -oX with --script http-vuln-cve2017-5689
  kMasscanList,  // masscan -oL
  kMasscanJson,  // masscan -oJ
};

/// "ndjson", "check-json", "nmap-xml", "masscan-list", "masscan-json".
std::string_view ToString(ImportFormat format);

/// What one file held: one scan's worth of records.
struct ImportedScan {
  ImportFormat format = ImportFormat::kNdjson;
  std::string arguments;  // the scan's command line when the file says
  std::optional<std::chrono::system_clock::time_point> start;
  std::optional<std::chrono::system_clock::time_point> end;
  std::vector<Finding> findings;        // one per open address and port
  std::vector<MachineRecord> machines;  // check --json: identity from
                                        // "machine_id" when present
  uint64_t skipped = 0;  // lines or elements not understood, skipped
};

/// Guesses the format from the first bytes; fails when none fits.
Result<ImportFormat> DetectImportFormat(std::string_view text);

Result<ImportedScan> ParseScanNdjson(std::string_view text);
Result<ImportedScan> ParseCheckJson(std::string_view text);
Result<ImportedScan> ParseNmapXml(std::string_view text);
Result<ImportedScan> ParseMasscanList(std::string_view text);
Result<ImportedScan> ParseMasscanJson(std::string_view text);

/// Detects the format and parses `text`.
Result<ImportedScan> ParseImport(std::string_view text);
/// Reads `path` (bounded) and parses it.
Result<ImportedScan> ImportFile(const std::string& path);

/// "2026-11-25T01:00:02.000Z" (and without fraction, or "+00:00").
std::optional<std::chrono::system_clock::time_point> ParseRfc3339(
    std::string_view text);
/// "vulnerable", "not-vulnerable", "unknown", "not-amt" (else nullopt).
std::optional<ScanVerdict> ParseScanVerdict(std::string_view text);

}  // namespace amtscope

#endif  // AMTSCOPE_INVENTORY_IMPORT_H_
