// DeviceLinker: candidates by certificate, realm or address; the rule picks.
#include "inventory/device_linker.h"

#include <algorithm>
#include <chrono>
#include <vector>

#include "inventory/identity.h"
#include "inventory/sql_rows.h"

namespace amtscope {
namespace {

void TakeCurrent(Device& d, const Observation& obs, int64_t scan_id,
                 const std::string& site) {
  const Finding& f = obs.finding;
  bool same_scan = d.last_scan_id == scan_id;
  if (!same_scan || VerdictSeverity(f.verdict) >= VerdictSeverity(d.verdict)) {
    d.ip = f.ip;
    d.port = f.port;
    d.verdict = f.verdict;
  }
  d.last_seen = std::max(d.last_seen, f.time);
  d.last_scan_id = scan_id;
  d.site = site;
  if (!f.product.empty()) d.product = f.product;
  if (f.version.known()) d.version = f.version.ToString();
  if (!f.realm.empty()) d.realm = f.realm;
  if (!f.cert_sha256.empty()) d.cert_sha256 = f.cert_sha256;
}

// At most this many devices are read per certificate or realm: a value that
// many devices share (a fleet-wide certificate, colliding realm digits)
// identifies none of them, and reading them all made each insert O(fleet).
constexpr int64_t kSharedValue = 8;

// Appends the devices `sql` finds for `value`, unless kSharedValue or more do.
Status AddShared(SqlConnection& db, const std::string& sql,
                 const std::string& value, std::vector<Device>* out) {
  auto rows = db.Query(sql, {value, kSharedValue});
  if (!rows.ok()) return rows.status();
  if (static_cast<int64_t>(rows->size()) >= kSharedValue) return Status::Ok();
  for (const SqlRow& row : *rows) out->push_back(DeviceFromRow(row));
  return Status::Ok();
}

// The devices that may be this observation's: by certificate, by realm (not
// generic), by address; each once.
Result<std::vector<Device>> Candidates(SqlConnection& db,
                                       const Observation& obs) {
  const Finding& f = obs.finding;
  static const std::string kSelect =
      std::string("SELECT id, ") + kDeviceColumns + " FROM devices WHERE ";
  static const std::string kByCert =
      kSelect + "cert_sha256 = ? AND cert_sha256 <> '' LIMIT ?";
  static const std::string kByRealm =
      kSelect + "realm = ? AND realm <> '' LIMIT ?";
  static const std::string kByAddress = kSelect + "ip = ? AND port = ?";
  std::vector<Device> out;
  if (!f.cert_sha256.empty())
    AMTSCOPE_RETURN_IF_ERROR(AddShared(db, kByCert, f.cert_sha256, &out));
  if (!IsGenericRealm(f.realm))
    AMTSCOPE_RETURN_IF_ERROR(AddShared(db, kByRealm, f.realm, &out));
  auto rows = db.Query(kByAddress, {f.ip, int64_t{f.port}});
  if (!rows.ok()) return rows.status();
  for (const SqlRow& row : *rows) out.push_back(DeviceFromRow(row));
  std::sort(out.begin(), out.end(),
            [](const Device& a, const Device& b) { return a.id < b.id; });
  out.erase(std::unique(
                out.begin(), out.end(),
                [](const Device& a, const Device& b) { return a.id == b.id; }),
            out.end());
  return out;
}

// Shards of one fleet are separate scans recording at the same moment; a
// device one of them saw at another address within this window of this
// scan is that address's device, not one that moved (DHCP moves are slower).
constexpr auto kSameMoment = std::chrono::hours(1);

DeviceKey KeyOf(const Device& d, const Finding& f, const LinkScan& scan) {
  bool now = d.last_scan_id == scan.id ||
             (d.last_seen >= scan.start && d.last_seen <= f.time + kSameMoment);
  bool elsewhere = now && d.ip != f.ip;
  return {d.id,      d.cert_sha256, d.realm, d.product,
          d.version, d.ip,          d.port,  elsewhere};
}

Result<int64_t> InsertDevice(SqlConnection& db, const Device& d) {
  static const std::string kSql =
      std::string("INSERT INTO devices (") + kDeviceColumns +
      ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
  auto rows = db.Query(kSql, DeviceParams(d));
  if (!rows.ok()) return rows.status();
  return CellInt((*rows)[0][0]);
}

Status UpdateDevice(SqlConnection& db, const Device& d) {
  auto rows = db.Query(
      "UPDATE devices SET first_seen_ms = ?, last_seen_ms = ?, ip = ?, port = "
      "?, verdict = ?,"
      " first_vulnerable_ms = ?, first_fixed_ms = ?, realm = ?, cert_sha256 = "
      "?, product = ?,"
      " version = ?, site = ?, last_scan_id = ? WHERE id = ?",
      DeviceParams(d, /*id_last=*/true));
  return rows.ok() ? Status::Ok() : rows.status();
}

}  // namespace

Device ApplyObservation(Device d, const Observation& obs, int64_t scan_id,
                        const std::string& site) {
  const Finding& f = obs.finding;
  if (d.id == 0 && d.last_scan_id == 0) {
    d.first_seen = f.time;
    d.last_seen = f.time;
  }
  d.first_seen = std::min(d.first_seen, f.time);
  if (d.last_scan_id == scan_id || f.time >= d.last_seen)
    TakeCurrent(d, obs, scan_id, site);
  if (f.verdict == ScanVerdict::kVulnerable &&
      (!d.first_vulnerable || f.time < *d.first_vulnerable)) {
    d.first_vulnerable = f.time;
  }
  bool clean = f.verdict == ScanVerdict::kNotVulnerable ||
               f.verdict == ScanVerdict::kNotAmt;
  if (clean && d.first_vulnerable && f.time > *d.first_vulnerable &&
      !d.first_fixed) {
    d.first_fixed = f.time;
  }
  return d;
}

Result<int64_t> LinkDevice(SqlConnection& db, const Observation& obs,
                           const LinkScan& scan) {
  AMTSCOPE_ASSIGN_OR_RETURN(std::vector<Device> candidates,
                            Candidates(db, obs));
  std::vector<DeviceKey> keys;
  keys.reserve(candidates.size());
  for (const Device& d : candidates)
    keys.push_back(KeyOf(d, obs.finding, scan));
  DeviceMatch match = MatchDevice(obs, keys);
  if (match.kind == MatchKind::kNew)
    return InsertDevice(db, ApplyObservation({}, obs, scan.id, scan.site));
  auto it =
      std::find_if(candidates.begin(), candidates.end(),
                   [&](const Device& d) { return d.id == match.device_id; });
  AMTSCOPE_RETURN_IF_ERROR(
      UpdateDevice(db, ApplyObservation(*it, obs, scan.id, scan.site)));
  return match.device_id;
}

}  // namespace amtscope
