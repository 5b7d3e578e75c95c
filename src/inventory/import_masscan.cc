// masscan -oL ("open tcp PORT IP TIMESTAMP" lines between "#masscan" and
// "# end") and -oJ (an array of {"ip", "timestamp", "ports": [{"port",
// "proto", "status", ...}]} objects; older masscan leaves a trailing comma,
// so each object is cut out by its braces and parsed alone). Open ports
// only: nothing was probed, so every finding's verdict is "unknown".
#include <fmt/format.h>

#include <charconv>
#include <nlohmann/json.hpp>
#include <set>

#include "core/strings.h"
#include "inventory/import.h"
#include "inventory/import_json.h"

namespace amtscope {

namespace {

constexpr std::string_view kMasscanReason =
    "open port found by masscan; not probed";

std::chrono::system_clock::time_point FromUnix(long long seconds) {
  return std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
}

long long ParseNumber(std::string_view s, long long fallback) {
  long long v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && end == s.data() + s.size() && v >= 0 ? v
                                                                   : fallback;
}

// Adds ip:port once (masscan may report a port twice), keeping the bound.
void AddOpen(const std::string& ip, long long port, long long when,
             ImportedScan* scan, std::set<std::pair<std::string, int>>* seen) {
  if (port < 1 || port > 65535 || !IsIpAddress(ip) ||
      scan->findings.size() >= kMaxImportRecords) {
    ++scan->skipped;
    return;
  }
  if (!seen->emplace(ip, static_cast<int>(port)).second) return;
  Finding f;
  f.ip = ip;
  f.port = static_cast<uint16_t>(port);
  f.verdict = ScanVerdict::kUnknown;
  f.reason = std::string(kMasscanReason);
  f.time = FromUnix(when);
  if (!scan->start || f.time < *scan->start) scan->start = f.time;
  if (!scan->end || f.time > *scan->end) scan->end = f.time;
  scan->findings.push_back(std::move(f));
}

std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> out;
  while (out.size() < 8) {
    line = Trim(line);
    if (line.empty()) break;
    size_t sp = line.find_first_of(" \t");
    out.push_back(line.substr(0, sp));
    line = sp == std::string_view::npos ? std::string_view{} : line.substr(sp);
  }
  return out;
}

// The end of the {...} starting at `at` (strings respected), or npos.
size_t ObjectEnd(std::string_view text, size_t at) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = at; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{') {
      ++depth;
    } else if (c == '}' && --depth == 0) {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

void ReadJsonHost(const nlohmann::json& j, ImportedScan* scan,
                  std::set<std::pair<std::string, int>>* seen) {
  std::string ip = JsonString(j, "ip");
  long long when = ParseNumber(JsonString(j, "timestamp"),
                               JsonInt(j, "timestamp", 0, 1LL << 40, 0));
  auto ports = j.is_object() ? j.find("ports") : j.end();
  if (!j.is_object() || ports == j.end() || !ports->is_array()) {
    ++scan->skipped;
    return;
  }
  for (const auto& p : *ports) {
    std::string proto = JsonString(p, "proto");
    std::string status = JsonString(p, "status");
    if (status.empty()) continue;  // a banner record, not a port state
    if (status != "open" || (!proto.empty() && proto != "tcp")) continue;
    AddOpen(ip, JsonInt(p, "port", 0, 65535, 0), when, scan, seen);
  }
}

}  // namespace

Result<ImportedScan> ParseMasscanList(std::string_view text) {
  ImportedScan scan;
  scan.format = ImportFormat::kMasscanList;
  std::set<std::pair<std::string, int>> seen;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = Trim(text.substr(0, nl));
    text =
        nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (line.empty() || line.starts_with("#")) continue;
    std::vector<std::string_view> f = Fields(line);
    if (f.size() < 4 || f[0] != "open" || f[1] != "tcp") {
      ++scan.skipped;
      continue;
    }
    AddOpen(std::string(f[3]), ParseNumber(f[2], 0),
            f.size() > 4 ? ParseNumber(f[4], 0) : 0, &scan, &seen);
  }
  return scan;
}

Result<ImportedScan> ParseMasscanJson(std::string_view text) {
  ImportedScan scan;
  scan.format = ImportFormat::kMasscanJson;
  std::set<std::pair<std::string, int>> seen;
  size_t at = text.find('{');
  while (at != std::string_view::npos) {
    size_t end = ObjectEnd(text, at);
    if (end == std::string_view::npos) {
      ++scan.skipped;  // cut off (masscan killed): the rest is lost
      break;
    }
    nlohmann::json j =
        nlohmann::json::parse(text.substr(at, end - at), nullptr, false);
    ReadJsonHost(j, &scan, &seen);
    at = text.find('{', end);
  }
  if (scan.findings.empty() && scan.skipped > 0) {
    return Status::Corruption("no masscan -oJ host record found",
                              "give the file written by masscan -oJ");
  }
  return scan;
}

}  // namespace amtscope
