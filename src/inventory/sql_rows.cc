// SqlRows: one function per direction per table.
#include "inventory/sql_rows.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "core/firmware_version.h"

namespace amtscope {
namespace {

std::string JsonArray(const std::vector<std::string>& items) {
  if (items.empty()) return "[]";
  return nlohmann::json(items).dump(-1, ' ', false,
                                    nlohmann::json::error_handler_t::replace);
}

std::vector<std::string> ParseStringArray(const std::string& text) {
  std::vector<std::string> out;
  if (text == "[]") return out;  // the common case, without a JSON parse
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_array()) return out;
  for (const auto& item : json) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

std::string PortsJson(const std::vector<uint16_t>& ports) {
  return nlohmann::json(ports).dump();
}

std::vector<uint16_t> ParsePorts(const std::string& text) {
  std::vector<uint16_t> out;
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_array()) return out;
  for (const auto& item : json) {
    if (item.is_number_unsigned()) out.push_back(item.get<uint16_t>());
  }
  return out;
}

FirmwareVersion ParseVersion(const std::string& text) {
  if (text.empty()) return FirmwareVersion();
  auto v = FirmwareVersion::Parse(text);
  return v.ok() ? *v : FirmwareVersion();
}

VerdictBasis ParseBasis(const std::string& text) {
  if (text == "bypass") return VerdictBasis::kBypass;
  if (text == "version") return VerdictBasis::kVersion;
  return VerdictBasis::kNone;
}

std::string Take(SqlCell& cell) {
  return cell ? std::move(*cell) : std::string();
}

int64_t B(bool b) { return b ? 1 : 0; }

// The values in place, each text moved or borrowed once: a braced list
// would copy every string out of its initializer_list.
template <typename... T>
std::vector<SqlValue> Values(T&&... v) {
  std::vector<SqlValue> out;
  out.reserve(sizeof...(v));
  (out.emplace_back(std::forward<T>(v)), ...);
  return out;
}
std::string S(std::string_view s) { return std::string(s); }

}  // namespace

int64_t CellInt(const SqlCell& cell) {
  int64_t v = 0;
  if (cell) std::from_chars(cell->data(), cell->data() + cell->size(), v);
  return v;
}

std::string CellText(const SqlCell& cell) {
  return cell ? *cell : std::string();
}

int64_t ToMillis(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             t.time_since_epoch())
      .count();
}

TimePoint FromMillis(int64_t ms) {
  return TimePoint(std::chrono::milliseconds(ms));
}

std::optional<TimePoint> OptionalTime(const SqlCell& cell) {
  if (!cell) return std::nullopt;
  return FromMillis(CellInt(cell));
}

SqlValue OptionalMillis(const std::optional<TimePoint>& t) {
  if (!t) return nullptr;
  return ToMillis(*t);
}

ScanVerdict ParseVerdict(const std::string& text) {
  for (ScanVerdict v : {ScanVerdict::kVulnerable, ScanVerdict::kNotVulnerable,
                        ScanVerdict::kUnknown}) {
    if (ToString(v) == text) return v;
  }
  return ScanVerdict::kNotAmt;
}

std::vector<SqlValue> ScanParams(const ScanRecord& s) {
  return {ToMillis(s.start),
          ToMillis(s.end),
          S(ToString(s.status)),
          s.command_line,
          JsonArray(s.targets),
          PortsJson(s.ports),
          s.options.empty() ? "{}" : s.options,
          s.site,
          s.scanner_host,
          s.source,
          static_cast<int64_t>(s.target_count),
          static_cast<int64_t>(s.targets_done),
          static_cast<int64_t>(s.open_ports),
          static_cast<int64_t>(s.amt_found),
          static_cast<int64_t>(s.vulnerable),
          s.campaign,
          int64_t{s.shards}};
}

std::vector<SqlValue> ScanScopeParams(const ScanRecord& s) {
  return {JsonArray(s.targets), PortsJson(s.ports),
          static_cast<int64_t>(s.target_count)};
}

ScanRecord ScanFromRow(const SqlRow& r) {
  ScanRecord s;
  s.id = CellInt(r[0]);
  s.start = FromMillis(CellInt(r[1]));
  s.end = FromMillis(CellInt(r[2]));
  auto status = ParseScanStatus(CellText(r[3]));
  s.status = status.ok() ? *status : ScanStatus::kFailed;
  s.command_line = CellText(r[4]);
  s.targets = ParseStringArray(CellText(r[5]));
  s.ports = ParsePorts(CellText(r[6]));
  s.options = CellText(r[7]);
  s.site = CellText(r[8]);
  s.scanner_host = CellText(r[9]);
  s.source = CellText(r[10]);
  s.target_count = CellInt(r[11]);
  s.targets_done = CellInt(r[12]);
  s.open_ports = CellInt(r[13]);
  s.amt_found = CellInt(r[14]);
  s.vulnerable = CellInt(r[15]);
  s.campaign = CellText(r[16]);
  s.shards = static_cast<uint32_t>(CellInt(r[17]));
  s.observations = CellInt(r[18]);
  s.machines = CellInt(r[19]);
  return s;
}

std::vector<SqlValue> ObservationParams(int64_t scan_id, int64_t device_id,
                                        const Observation& obs) {
  const Finding& f = obs.finding;
  using V = std::string_view;  // borrowed from `obs` (sql_rows.h)
  return Values(scan_id, V(f.ip), int64_t{f.port}, device_id, ToMillis(f.time),
                B(f.tls), V(f.tls_version), B(f.amt), V(f.product), V(f.server),
                f.version.ToString(), V(f.realm), ToString(f.verdict),
                ToString(f.basis), JsonArray(f.advisories), V(f.reason),
                V(f.error), int64_t{f.bypass_status}, int64_t{f.control_status},
                int64_t{f.first_status}, B(f.web_ui_disabled), V(f.resource),
                B(f.bypass_marker), V(f.cert_sha256), V(f.proto),
                V(f.provisioning),
                f.redirection ? SqlValue(B(*f.redirection)) : SqlValue(nullptr),
                JsonArray(f.exposures));
}

VerdictRow VerdictFromRow(SqlRow&& r) {
  VerdictRow v;
  v.device_id = CellInt(r[0]);
  v.ip = Take(r[1]);
  v.port = static_cast<uint16_t>(CellInt(r[2]));
  v.amt = CellInt(r[3]) != 0;
  v.verdict = ParseVerdict(Take(r[4]));
  v.version = ParseVersion(Take(r[5]));
  return v;
}

Observation ObservationFromRow(SqlRow&& r) {
  Observation o;
  Finding& f = o.finding;
  f.ip = Take(r[0]);
  f.port = static_cast<uint16_t>(CellInt(r[1]));
  o.device_id = CellInt(r[2]);
  f.time = FromMillis(CellInt(r[3]));
  f.tls = CellInt(r[4]) != 0;
  f.tls_version = Take(r[5]);
  f.amt = CellInt(r[6]) != 0;
  f.product = Take(r[7]);
  f.server = Take(r[8]);
  f.version = ParseVersion(Take(r[9]));
  f.realm = Take(r[10]);
  f.verdict = ParseVerdict(Take(r[11]));
  f.basis = ParseBasis(Take(r[12]));
  f.advisories = ParseStringArray(Take(r[13]));
  f.reason = Take(r[14]);
  f.error = Take(r[15]);
  f.bypass_status = static_cast<int>(CellInt(r[16]));
  f.control_status = static_cast<int>(CellInt(r[17]));
  f.first_status = static_cast<int>(CellInt(r[18]));
  f.web_ui_disabled = CellInt(r[19]) != 0;
  f.resource = Take(r[20]);
  f.bypass_marker = CellInt(r[21]) != 0;
  f.cert_sha256 = Take(r[22]);
  f.proto = Take(r[23]);
  f.provisioning = Take(r[24]);
  if (r[25]) f.redirection = CellInt(r[25]) != 0;
  f.exposures = ParseStringArray(Take(r[26]));
  return o;
}

std::vector<SqlValue> DeviceParams(const Device& d, bool id_last) {
  using V = std::string_view;  // borrowed from `d` (sql_rows.h)
  std::vector<SqlValue> params = Values(
      ToMillis(d.first_seen), ToMillis(d.last_seen), V(d.ip), int64_t{d.port},
      ToString(d.verdict), OptionalMillis(d.first_vulnerable),
      OptionalMillis(d.first_fixed), V(d.realm), V(d.cert_sha256), V(d.product),
      V(d.version), V(d.site), d.last_scan_id);
  if (id_last) params.emplace_back(d.id);
  return params;
}

Device DeviceFromRow(const SqlRow& r) {
  Device d;
  d.id = CellInt(r[0]);
  d.first_seen = FromMillis(CellInt(r[1]));
  d.last_seen = FromMillis(CellInt(r[2]));
  d.ip = CellText(r[3]);
  d.port = static_cast<uint16_t>(CellInt(r[4]));
  d.verdict = ParseVerdict(CellText(r[5]));
  d.first_vulnerable = OptionalTime(r[6]);
  d.first_fixed = OptionalTime(r[7]);
  d.realm = CellText(r[8]);
  d.cert_sha256 = CellText(r[9]);
  d.product = CellText(r[10]);
  d.version = CellText(r[11]);
  d.site = CellText(r[12]);
  d.last_scan_id = CellInt(r[13]);
  return d;
}

std::vector<SqlValue> MachineParams(int64_t scan_id, const MachineRecord& m) {
  return {scan_id,
          m.identity,
          ToMillis(m.time),
          m.hostname,
          m.vendor,
          m.model,
          m.me_version,
          m.sku,
          m.provisioning,
          m.lms,
          m.verdicts.empty() ? "[]" : m.verdicts,
          m.report};
}

MachineRecord MachineFromRow(const SqlRow& r) {
  MachineRecord m;
  m.identity = CellText(r[0]);
  m.time = FromMillis(CellInt(r[1]));
  m.hostname = CellText(r[2]);
  m.vendor = CellText(r[3]);
  m.model = CellText(r[4]);
  m.me_version = CellText(r[5]);
  m.sku = CellText(r[6]);
  m.provisioning = CellText(r[7]);
  m.lms = CellText(r[8]);
  m.verdicts = CellText(r[9]);
  m.report = CellText(r[10]);
  return m;
}

ShardRecord ShardFromRow(const SqlRow& r) {
  ShardRecord s;
  s.shard = static_cast<uint32_t>(CellInt(r[0]));
  auto status = ParseScanStatus(CellText(r[1]));
  s.status = status.ok() ? *status : ScanStatus::kFailed;
  s.holder = CellText(r[2]);
  s.lease_until = FromMillis(CellInt(r[3]));
  s.started = FromMillis(CellInt(r[4]));
  s.updated = FromMillis(CellInt(r[5]));
  s.end = FromMillis(CellInt(r[6]));
  s.total = CellInt(r[7]);
  s.done = CellInt(r[8]);
  s.targets_done = CellInt(r[9]);
  s.open_ports = CellInt(r[10]);
  s.amt_found = CellInt(r[11]);
  s.vulnerable = CellInt(r[12]);
  s.checkpoint = CellText(r[13]);
  return s;
}

}  // namespace amtscope
