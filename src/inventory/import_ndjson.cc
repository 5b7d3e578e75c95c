// amtscope scan NDJSON (report/ndjson_writer.cc): one "port" object per
// line, one "summary" line at the end. Lines that are not JSON objects or
// lack ip/port are counted as skipped, never fatal.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/strings.h"
#include "inventory/import.h"
#include "inventory/import_json.h"

namespace amtscope {

namespace {

void ReadSummary(const nlohmann::json& j, ImportedScan* scan) {
  scan->arguments = JsonString(j, "arguments");
  scan->start = ParseRfc3339(JsonString(j, "start"));
  scan->end = ParseRfc3339(JsonString(j, "end"));
}

void Keep(std::optional<Finding> finding, bool is_port, ImportedScan* scan) {
  if (!is_port || !finding || scan->findings.size() >= kMaxImportRecords) {
    ++scan->skipped;
    return;
  }
  scan->findings.push_back(std::move(*finding));
}

// Each line: a port record, the summary, or something skipped. Port records
// take the fast reader; the summary and anything it declines, nlohmann.
void ReadLine(std::string_view line, FlatJson& flat, ImportedScan* scan) {
  line = Trim(line);
  if (line.empty()) return;
  if (flat.Parse(line)) {
    auto type = flat.String("type");
    if (!type || *type != "summary") {
      Keep(FindingFromJson(flat), !type || *type == "port", scan);
      return;
    }
  }
  nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  if (!j.is_object()) {
    ++scan->skipped;
    return;
  }
  std::string type = JsonString(j, "type");
  if (type == "summary") {
    ReadSummary(j, scan);
    return;
  }
  Keep(FindingFromJson(j), type == "port" || type.empty(), scan);
}

}  // namespace

Result<ImportedScan> ParseScanNdjson(std::string_view text) {
  ImportedScan scan;
  scan.format = ImportFormat::kNdjson;
  FlatJson flat;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    ReadLine(text.substr(0, nl), flat, &scan);
    text =
        nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
  }
  if (scan.findings.empty() && scan.skipped > 0 && !scan.start) {
    return Status::Corruption(
        fmt::format("no amtscope NDJSON record in {} line(s)", scan.skipped),
        "give the file written by amtscope scan --format ndjson");
  }
  return scan;
}

}  // namespace amtscope
