#include "inventory/import.h"

#include <fmt/format.h>

#include <charconv>

#include "core/bounded_file.h"
#include "core/strings.h"

namespace amtscope {

namespace {

// Reads `n` digits at `*at` into *value; false when they are not digits.
bool Digits(std::string_view s, size_t* at, size_t n, int* value) {
  if (*at + n > s.size()) return false;
  *value = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[*at + i];
    if (c < '0' || c > '9') return false;
    *value = *value * 10 + (c - '0');
  }
  *at += n;
  return true;
}

bool Expect(std::string_view s, size_t* at, char c) {
  if (*at >= s.size() || (s[*at] != c && !(c == 'T' && s[*at] == ' ')))
    return false;
  ++*at;
  return true;
}

// Skips ".123" and reads "Z" or "+00:00"/"-00:00"; the offset in minutes.
bool Zone(std::string_view s, size_t at, int* offset_minutes) {
  if (at < s.size() && s[at] == '.') {
    ++at;
    while (at < s.size() && s[at] >= '0' && s[at] <= '9') ++at;
  }
  if (at < s.size() && (s[at] == 'Z' || s[at] == 'z')) {
    *offset_minutes = 0;
    return at + 1 == s.size();
  }
  if (at >= s.size() || (s[at] != '+' && s[at] != '-')) return false;
  int sign = s[at] == '-' ? -1 : 1;
  int h = 0, m = 0;
  ++at;
  if (!Digits(s, &at, 2, &h) || !Expect(s, &at, ':') || !Digits(s, &at, 2, &m))
    return false;
  *offset_minutes = sign * (h * 60 + m);
  return at == s.size();
}

bool LooksLikeMasscanList(std::string_view text) {
  return text.starts_with("#masscan") || text.starts_with("open tcp ") ||
         text.starts_with("open udp ");
}

}  // namespace

std::string_view ToString(ImportFormat format) {
  switch (format) {
    case ImportFormat::kNdjson:
      return "ndjson";
    case ImportFormat::kCheckJson:
      return "check-json";
    case ImportFormat::kNmapXml:
      return "nmap-xml";
    case ImportFormat::kMasscanList:
      return "masscan-list";
    case ImportFormat::kMasscanJson:
      return "masscan-json";
  }
  return "?";
}

std::optional<std::chrono::system_clock::time_point> ParseRfc3339(
    std::string_view s) {
  size_t at = 0;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, offset = 0;
  if (!Digits(s, &at, 4, &y) || !Expect(s, &at, '-') ||
      !Digits(s, &at, 2, &mo) || !Expect(s, &at, '-') ||
      !Digits(s, &at, 2, &d) || !Expect(s, &at, 'T') ||
      !Digits(s, &at, 2, &h) || !Expect(s, &at, ':') ||
      !Digits(s, &at, 2, &mi) || !Expect(s, &at, ':') ||
      !Digits(s, &at, 2, &sec)) {
    return std::nullopt;
  }
  size_t frac_at = at;
  if (!Zone(s, at, &offset)) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(y),
                                  std::chrono::month(static_cast<unsigned>(mo)),
                                  std::chrono::day(static_cast<unsigned>(d))};
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  int millis = 0;
  if (frac_at < s.size() && s[frac_at] == '.') {
    size_t p = frac_at + 1;
    for (int i = 0; i < 3; ++i) {
      bool digit = p < s.size() && s[p] >= '0' && s[p] <= '9';
      millis = millis * 10 + (digit ? s[p++] - '0' : 0);
    }
  }
  auto t = std::chrono::sys_days(ymd) + std::chrono::hours(h) +
           std::chrono::minutes(mi - offset) + std::chrono::seconds(sec) +
           std::chrono::milliseconds(millis);
  return std::chrono::time_point_cast<std::chrono::system_clock::duration>(t);
}

std::optional<ScanVerdict> ParseScanVerdict(std::string_view text) {
  for (ScanVerdict v : {ScanVerdict::kVulnerable, ScanVerdict::kNotVulnerable,
                        ScanVerdict::kUnknown, ScanVerdict::kNotAmt}) {
    if (text == ToString(v)) return v;
  }
  return std::nullopt;
}

Result<ImportFormat> DetectImportFormat(std::string_view text) {
  std::string_view head = Trim(text.substr(0, 4096));
  if (head.starts_with("<?xml") || head.starts_with("<nmaprun") ||
      head.starts_with("<!DOCTYPE nmaprun")) {
    return ImportFormat::kNmapXml;
  }
  if (LooksLikeMasscanList(head)) return ImportFormat::kMasscanList;
  if (head.starts_with("[")) return ImportFormat::kMasscanJson;
  if (head.starts_with("{")) {
    if (head.starts_with("{\"type\":")) return ImportFormat::kNdjson;
    if (head.find("\"ports\"") != std::string_view::npos &&
        head.find("\"timestamp\"") != std::string_view::npos)
      return ImportFormat::kMasscanJson;  // masscan -oJ without its '['
    return ImportFormat::kCheckJson;
  }
  return Status::InvalidArgument(
      fmt::format("unknown import format (starts with '{}')",
                  Excerpt(head, 30)),
      "give amtscope scan NDJSON, check --json, nmap XML, or masscan -oL/-oJ");
}

Result<ImportedScan> ParseImport(std::string_view text) {
  AMTSCOPE_ASSIGN_OR_RETURN(ImportFormat format, DetectImportFormat(text));
  switch (format) {
    case ImportFormat::kNdjson:
      return ParseScanNdjson(text);
    case ImportFormat::kCheckJson:
      return ParseCheckJson(text);
    case ImportFormat::kNmapXml:
      return ParseNmapXml(text);
    case ImportFormat::kMasscanList:
      return ParseMasscanList(text);
    case ImportFormat::kMasscanJson:
      return ParseMasscanJson(text);
  }
  return Status::InvalidArgument("unknown import format");
}

Result<ImportedScan> ImportFile(const std::string& path) {
  AMTSCOPE_ASSIGN_OR_RETURN(
      std::string text,
      ReadBoundedFile(path, kMaxImportFileBytes, "import file"));
  auto scan = ParseImport(text);
  if (!scan.ok()) return scan.status().WithContext(path);
  return scan;
}

}  // namespace amtscope
