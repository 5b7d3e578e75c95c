// amtscope scan NDJSON (report/ndjson_writer.cc): one "port" object per
// line, one "summary" line at the end. Lines that are not JSON objects or
// lack ip/port are counted as skipped, never fatal.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/strings.h"
#include "inventory/import.h"
#include "inventory/import_json.h"
#include "inventory/import_stream.h"

namespace amtscope {

namespace {

void ReadSummary(const nlohmann::json& j, ImportedScan* scan) {
  scan->arguments = JsonString(j, "arguments");
  scan->start = ParseRfc3339(JsonString(j, "start"));
  scan->end = ParseRfc3339(JsonString(j, "end"));
}

}  // namespace

void ScanNdjsonReader::Keep(std::optional<Finding> finding, bool is_port,
                            std::vector<Finding>* findings) {
  if (!is_port || !finding || records_ >= kMaxImportRecords) {
    ++scan_.skipped;
    return;
  }
  findings->push_back(std::move(*finding));
  ++records_;
}

// Each line: a port record, the summary, or something skipped. Port records
// take the fast reader; the summary and anything it declines, nlohmann.
void ScanNdjsonReader::ReadLine(std::string_view line,
                                std::vector<Finding>* findings) {
  line = Trim(line);
  if (line.empty()) return;
  if (flat_.Parse(line)) {
    auto type = flat_.String("type");
    if (!type || *type != "summary") {
      Keep(FindingFromJson(flat_), !type || *type == "port", findings);
      return;
    }
  }
  nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  if (!j.is_object()) {
    ++scan_.skipped;
    return;
  }
  std::string type = JsonString(j, "type");
  if (type == "summary") {
    ReadSummary(j, &scan_);
    return;
  }
  Keep(FindingFromJson(j), type == "port" || type.empty(), findings);
}

// ReadLine's decisions, less the records and the skipped count.
void ScanNdjsonReader::ReadSummaryLine(std::string_view line) {
  line = Trim(line);
  if (line.empty()) return;
  if (flat_.Parse(line)) {
    auto type = flat_.String("type");
    if (!type || *type != "summary") return;
  }
  nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_object() && JsonString(j, "type") == "summary")
    ReadSummary(j, &scan_);
}

Result<ImportedScan> ScanNdjsonReader::Finish() const {
  if (records_ == 0 && scan_.skipped > 0 && !scan_.start) {
    return Status::Corruption(
        fmt::format("no amtscope NDJSON record in {} line(s)", scan_.skipped),
        "give the file written by amtscope scan --format ndjson");
  }
  ImportedScan out = scan_;
  out.format = ImportFormat::kNdjson;
  return out;
}

Result<ImportedScan> ParseScanNdjson(std::string_view text) {
  ScanNdjsonReader reader;
  std::vector<Finding> findings;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    reader.ReadLine(text.substr(0, nl), &findings);
    text =
        nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
  }
  AMTSCOPE_ASSIGN_OR_RETURN(ImportedScan scan, reader.Finish());
  scan.findings = std::move(findings);
  return scan;
}

}  // namespace amtscope
