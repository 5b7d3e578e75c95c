#include "scan/reconcile.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/text_escape.h"

namespace amtscope {

namespace {

constexpr size_t kMaxRecordLine = 1 << 20;  // far above any record we write

bool ParsePort(std::string_view text, uint16_t* port) {
  auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), *port);
  return ec == std::errc() && end == text.data() + text.size();
}

// "ip,port,..." (csv), "IP  PORT ..." (table) or {"ip":...,"port":...}
// (ndjson); false for headers, summaries and anything not a record of ours.
bool ParseLine(OutputFormat format, std::string_view line, RecordKey* key) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (format == OutputFormat::kTable) {
    size_t ip_end = line.find(' ');
    if (ip_end == 0 || ip_end == std::string_view::npos) return false;
    size_t port = line.find_first_not_of(' ', ip_end);
    size_t port_end = line.find(' ', port);
    if (port == std::string_view::npos) return false;
    key->ip = std::string(line.substr(0, ip_end));
    return ParsePort(line.substr(port, port_end - port), &key->port);
  }
  if (format == OutputFormat::kCsv) {
    size_t c1 = line.find(',');
    size_t c2 = c1 == std::string_view::npos ? c1 : line.find(',', c1 + 1);
    if (c2 == std::string_view::npos) return false;
    key->ip = std::string(line.substr(0, c1));
    return ParsePort(line.substr(c1 + 1, c2 - c1 - 1), &key->port);
  }
  auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("ip") || !j["ip"].is_string() ||
      !j.contains("port") || !j["port"].is_number_unsigned()) {
    return false;
  }
  key->ip = j["ip"].get<std::string>();
  key->port = j["port"].get<uint16_t>();
  return true;
}

// The value of attr="..." starting the search at `from`.
std::string_view Attribute(std::string_view text, std::string_view attr,
                           size_t from, size_t* end) {
  std::string needle = std::string(attr) + "=\"";
  size_t at = text.find(needle, from);
  if (at == std::string_view::npos) return {};
  size_t start = at + needle.size();
  size_t close = text.find('"', start);
  if (close == std::string_view::npos) return {};
  *end = close;
  return text.substr(start, close - start);
}

std::vector<RecordKey> XmlRecords(std::string_view text) {
  std::vector<RecordKey> keys;
  size_t host = text.find("<host ");
  while (host != std::string_view::npos) {
    size_t host_end = text.find("</host>", host);
    if (host_end == std::string_view::npos) break;
    std::string_view block = text.substr(host, host_end - host);
    size_t pos = 0;
    std::string ip(Attribute(block, "addr", 0, &pos));
    for (size_t p = block.find("<port ", pos); p != std::string_view::npos;
         p = block.find("<port ", p + 1)) {
      size_t end = 0;
      RecordKey key{ip, 0};
      if (ParsePort(Attribute(block, "portid", p, &end), &key.port)) {
        keys.push_back(key);
      }
    }
    host = text.find("<host ", host_end);
  }
  return keys;
}

Status CutTornLine(const std::string& path, uint64_t size) {
  std::ifstream in(path, std::ios::binary);
  uint64_t keep = size;
  char c = 0;
  while (keep > 0) {
    in.seekg(static_cast<std::streamoff>(keep - 1));
    if (!in.get(c)) break;
    if (c == '\n') break;
    --keep;
  }
  if (keep == size) return Status::Ok();
  std::error_code ec;
  std::filesystem::resize_file(path, keep, ec);
  if (ec) {
    return Status::IoError(
        fmt::format("cannot cut the torn last line of '{}': {}",
                    PrintableLine(path), ec.message()));
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<RecordKey>> ReadOutputRecords(OutputFormat format,
                                                 const std::string& path,
                                                 uint64_t offset) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return std::vector<RecordKey>{};
  }
  uint64_t size = static_cast<uint64_t>(st.st_size);
  if (format == OutputFormat::kXml) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return XmlRecords(buffer.str());
  }
  if (size < offset) {
    return Status::InvalidArgument(
        fmt::format("'{}' is shorter ({} bytes) than when the scan saved its "
                    "progress ({} bytes): it was cut or replaced",
                    PrintableLine(path), size, offset),
        "results would be lost; start the scan again with --force");
  }
  AMTSCOPE_RETURN_IF_ERROR(CutTornLine(path, size));
  std::ifstream in(path, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(offset));
  std::vector<RecordKey> keys;
  std::string line;
  while (std::getline(in, line)) {
    if (line.size() > kMaxRecordLine) continue;
    RecordKey key;
    if (ParseLine(format, line, &key)) keys.push_back(std::move(key));
  }
  return keys;
}

Result<uint64_t> ReconcileWithOutput(const ResumeState& state,
                                     const TargetSpace& space,
                                     const ScanOrder& order,
                                     CompletionTracker* tracker) {
  const ScanOptions& o = state.options;
  bool xml = o.format == OutputFormat::kXml;
  if (o.output.empty() ||
      (!xml && state.output_bytes == ResumeState::kUnknownOutputBytes)) {
    return uint64_t{0};
  }
  AMTSCOPE_ASSIGN_OR_RETURN(
      auto keys, ReadOutputRecords(o.format.value_or(OutputFormat::kNdjson),
                                   o.output, xml ? 0 : state.output_bytes));
  uint64_t marked = 0;
  for (const RecordKey& key : keys) {
    boost::system::error_code ec;
    auto addr = boost::asio::ip::make_address(key.ip, ec);
    if (ec) continue;
    int64_t index = space.IndexOf(addr);
    auto port = std::find(o.ports.begin(), o.ports.end(), key.port);
    if (index < 0 || port == o.ports.end()) continue;
    ScanOrder::Pick pick{static_cast<uint64_t>(index),
                         static_cast<uint32_t>(port - o.ports.begin())};
    uint64_t position = 0;
    if (!order.PositionOf(pick, &position) || tracker->IsDone(position)) {
      continue;
    }
    tracker->MarkDone(position);
    ++marked;
  }
  return marked;
}

}  // namespace amtscope
