// CSV: RFC 4180 (CRLF line ends, quoted fields), one header row, the same
// fields as NDJSON (docs/conventions.md §2a: Excel, Splunk, DefectDojo).
#include "core/text_escape.h"
#include "report/writers.h"

namespace amtscope {

namespace {

// Spreadsheets run cells starting with = + - @ as formulas; text that came
// from a peer gets a leading apostrophe (OWASP "CSV injection").
std::string Defused(const std::string& s) {
  if (!s.empty() &&
      (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) {
    return "'" + s;
  }
  return s;
}

std::string Cell(const nlohmann::ordered_json& v) {
  if (v.is_null()) return "";
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number()) return v.dump();
  if (v.is_array()) {
    std::string joined;
    for (const auto& item : v) {
      if (!joined.empty()) joined += ';';
      joined += item.get<std::string>();
    }
    return CsvField(Defused(joined));
  }
  return CsvField(Defused(v.get<std::string>()));
}

class CsvWriter : public OutputWriter {
 public:
  CsvWriter(std::ostream& out, WriterOptions options)
      : out_(out), options_(options) {}
  Status Begin(const ScanInfo&) override {
    if (options_.append) return Status::Ok();
    std::string header;
    const nlohmann::ordered_json fields = FindingToJson(Finding{});
    for (const auto& [key, value] : fields.items()) {
      if (!header.empty()) header += ',';
      header += key;
    }
    return Write(header);
  }
  Status Record(const Finding& finding) override {
    std::string row;
    bool first = true;
    const nlohmann::ordered_json fields = FindingToJson(finding);
    for (const auto& [key, value] : fields.items()) {
      if (!first) row += ',';
      first = false;
      row += Cell(value);
    }
    return Write(row);
  }
  Status End(const RunStats&) override {
    out_.flush();
    return out_ ? Status::Ok() : Status::IoError("cannot write CSV output");
  }

 private:
  Status Write(const std::string& line) {
    out_ << line << "\r\n";
    out_.flush();
    return out_ ? Status::Ok() : Status::IoError("cannot write CSV output");
  }
  std::ostream& out_;
  WriterOptions options_;
};

}  // namespace

std::unique_ptr<OutputWriter> MakeCsvWriter(std::ostream& out,
                                            WriterOptions options) {
  return std::make_unique<CsvWriter>(out, options);
}

}  // namespace amtscope
