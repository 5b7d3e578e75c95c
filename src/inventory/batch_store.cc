// BatchStore: read the candidates once, link in memory, write in bulk.
#include "inventory/batch_store.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "inventory/identity.h"
#include "inventory/sql_rows.h"

namespace amtscope {
namespace {

// Rows per multi-row statement: under SQLite's 32,766 variables and
// PostgreSQL's 65,535 parameters at 28 columns, and under SQLite's 500
// terms of a compound SELECT.
constexpr size_t kRowsPerStatement = 256;
constexpr size_t kValuesPerLookup = 200;

// Values per lookup statement: many for PostgreSQL, where each statement is
// a round trip; one for SQLite, which runs in this process, so a cached
// one-value statement per value beats a union of 200 (25 s of CPU for a
// 1M-line import against about 12 s).
size_t ValuesPerLookup(const SqlConnection& db) {
  return db.dialect() == SqlDialect::kPostgres ? kValuesPerLookup : 1;
}

std::string Marks(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

// `values` in chunks of `n`: fn(first, count).
template <typename Fn>
Status Chunked(size_t total, size_t n, Fn fn) {
  for (size_t at = 0; at < total; at += n)
    AMTSCOPE_RETURN_IF_ERROR(fn(at, std::min(n, total - at)));
  return Status::Ok();
}

using AddressKey = std::pair<std::string, uint16_t>;

// The devices that may be the batch's, indexed the way device_linker.h's
// lookups ask: by certificate, by realm (each read up to kSharedValue per
// value: more identify none), by current address and port.
class DeviceSet {
 public:
  explicit DeviceSet(SqlConnection& db) : db_(db) {}

  Status Load(std::span<const Observation> batch);
  std::vector<Device> Candidates(const Finding& f) const;
  int64_t Add(Device d);                // a new device; returns its id
  void Replace(const Device& updated);  // keeps the indexes current
  Status Store();                       // writes new and changed devices

 private:
  Status LoadShared(const char* column, const std::vector<std::string>& values,
                    std::unordered_set<std::string>* shared);
  Status LoadAddresses(const std::vector<AddressKey>& addresses);
  void Index(const Device& d, int sign);
  void Keep(Device d);
  // The lookup statement's text for `n` values, built once per batch (the
  // same few texts serve thousands of lookups).
  const std::string& LookupSql(const char* column, size_t n);

  // Ids of the devices having one value: unique, rarely more than one, so
  // a vector beats a std::set's node per id.
  using Ids = std::vector<int64_t>;
  struct AddressHash {
    size_t operator()(const AddressKey& k) const {
      return std::hash<std::string>()(k.first) * 31 + k.second;
    }
  };

  SqlConnection& db_;
  std::unordered_map<int64_t, Device> devices_;
  std::unordered_map<std::string, Ids> by_cert_, by_realm_;
  std::unordered_map<AddressKey, Ids, AddressHash> by_address_;
  std::unordered_set<std::string> shared_cert_, shared_realm_;
  std::vector<int64_t> dirty_;  // may repeat; Store sorts it
  std::map<std::pair<std::string, size_t>, std::string> sql_;
  int64_t next_id_ = 0;
  bool created_ = false;
};

std::string SelectDevices() {
  return std::string("SELECT id, ") + kDeviceColumns + " FROM devices";
}

// `select` + " WHERE " + `column` = each of `n` values + `rest`: one
// statement. PostgreSQL gets a LATERAL join over the values, which it runs
// as n index probes (an IN list or a union of n branches was planned as a
// scan or took 66 ms to plan); SQLite has no LATERAL but plans unions
// cheaply and probes the index for each branch.
std::string PerValue(SqlDialect dialect, const std::string& select,
                     const std::string& column, const std::string& rest,
                     size_t n) {
  std::string sql;
  if (dialect == SqlDialect::kPostgres) {
    for (size_t i = 0; i < n; ++i)
      sql += i == 0 ? "(CAST(? AS BYTEA))" : ", (CAST(? AS BYTEA))";
    return "SELECT d.* FROM (VALUES " + sql + ") AS v(x) CROSS JOIN LATERAL (" +
           select + " WHERE " + column + " = v.x" + rest + ") AS d";
  }
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) sql += " UNION ALL ";
    sql.append("SELECT * FROM (").append(select).append(" WHERE ");
    sql.append(column).append(" = ?").append(rest).append(") AS t");
    sql.append(std::to_string(i));
  }
  return sql;
}

// The devices having each of `n` values in `column`, at most kSharedValue
// per value. "<> ''" lets the planner use the partial indexes (schema.cc
// 1 → 2).
std::string SharedLookup(SqlDialect dialect, const char* column, size_t n) {
  return PerValue(dialect, SelectDevices(), column,
                  std::string(" AND ") + column + " <> '' LIMIT " +
                      std::to_string(kSharedValue),
                  n);
}

std::string AddressLookup(SqlDialect dialect, size_t n);

void DeviceSet::Index(const Device& d, int sign) {
  auto apply = [&](auto& index, const auto& key) {
    if (sign > 0) {
      Ids& ids = index[key];
      if (std::find(ids.begin(), ids.end(), d.id) == ids.end())
        ids.push_back(d.id);
    } else if (auto it = index.find(key); it != index.end()) {
      std::erase(it->second, d.id);
    }
  };
  if (!d.cert_sha256.empty()) apply(by_cert_, d.cert_sha256);
  if (!d.realm.empty()) apply(by_realm_, d.realm);
  apply(by_address_, AddressKey{d.ip, d.port});
}

void DeviceSet::Keep(Device d) {
  if (devices_.contains(d.id)) return;
  Index(d, +1);
  devices_.emplace(d.id, std::move(d));
}

const std::string& DeviceSet::LookupSql(const char* column, size_t n) {
  auto [it, fresh] = sql_.try_emplace({column, n});
  if (fresh) {
    it->second = std::string_view(column) == "address"
                     ? AddressLookup(db_.dialect(), n)
                     : SharedLookup(db_.dialect(), column, n);
  }
  return it->second;
}

Status DeviceSet::LoadShared(const char* column,
                             const std::vector<std::string>& list,
                             std::unordered_set<std::string>* shared) {
  return Chunked(list.size(), ValuesPerLookup(db_), [&](size_t at, size_t n) {
    std::vector<SqlValue> params(list.begin() + at, list.begin() + at + n);
    auto rows = db_.Query(LookupSql(column, n), params);
    if (!rows.ok()) return rows.status();
    std::map<std::string, int64_t> count;
    for (const SqlRow& row : *rows) {
      Device d = DeviceFromRow(row);
      std::string value =
          std::string_view(column) == "cert_sha256" ? d.cert_sha256 : d.realm;
      if (++count[value] >= kSharedValue) shared->insert(value);
      Keep(std::move(d));
    }
    return Status::Ok();
  });
}

// The devices at each of `n` (ip, port) pairs, by the devices_address
// index. Pairs, not addresses: a host with many ports would otherwise read
// every port's device for each of them.
std::string AddressLookup(SqlDialect dialect, size_t n) {
  std::string sql;
  if (dialect == SqlDialect::kPostgres) {
    for (size_t i = 0; i < n; ++i) {
      sql += i == 0 ? "" : ", ";
      sql += "(CAST(? AS BYTEA), CAST(? AS INTEGER))";
    }
    return "SELECT d.* FROM (VALUES " + sql +
           ") AS v(x, p) CROSS JOIN LATERAL (" + SelectDevices() +
           " WHERE ip = v.x AND port = v.p) AS d";
  }
  for (size_t i = 0; i < n; ++i) {
    sql += i == 0 ? "" : " UNION ALL ";
    sql += SelectDevices() + " WHERE ip = ? AND port = ?";
  }
  return sql;
}

Status DeviceSet::LoadAddresses(const std::vector<AddressKey>& list) {
  return Chunked(list.size(), ValuesPerLookup(db_), [&](size_t at, size_t n) {
    std::vector<SqlValue> params;
    for (size_t i = at; i < at + n; ++i) {
      params.emplace_back(list[i].first);
      params.emplace_back(int64_t{list[i].second});
    }
    auto rows = db_.Query(LookupSql("address", n), params);
    if (!rows.ok()) return rows.status();
    for (const SqlRow& row : *rows) Keep(DeviceFromRow(row));
    return Status::Ok();
  });
}

// `values` sorted, without repeats: the order a std::set would look them up
// in, without a node per value.
template <typename T>
void SortUnique(std::vector<T>* values) {
  std::sort(values->begin(), values->end());
  values->erase(std::unique(values->begin(), values->end()), values->end());
}

Status DeviceSet::Load(std::span<const Observation> batch) {
  std::vector<std::string> certs, realms;
  std::vector<AddressKey> addresses;
  addresses.reserve(batch.size());
  for (const Observation& obs : batch) {
    const Finding& f = obs.finding;
    if (!f.cert_sha256.empty()) certs.push_back(f.cert_sha256);
    if (!IsGenericRealm(f.realm)) realms.push_back(f.realm);
    addresses.emplace_back(f.ip, f.port);
  }
  SortUnique(&certs);
  SortUnique(&realms);
  SortUnique(&addresses);
  auto max = db_.Query("SELECT COALESCE(MAX(id), 0) FROM devices", {});
  if (!max.ok()) return max.status();
  next_id_ = CellInt((*max)[0][0]) + 1;
  AMTSCOPE_RETURN_IF_ERROR(LoadShared("cert_sha256", certs, &shared_cert_));
  AMTSCOPE_RETURN_IF_ERROR(LoadShared("realm", realms, &shared_realm_));
  return LoadAddresses(addresses);
}

std::vector<Device> DeviceSet::Candidates(const Finding& f) const {
  Ids ids;
  auto add = [&](const auto& index, const auto& key, bool shared) {
    auto it = index.find(key);
    if (shared || it == index.end()) return;
    if (static_cast<int64_t>(it->second.size()) >= kSharedValue) return;
    ids.insert(ids.end(), it->second.begin(), it->second.end());
  };
  if (!f.cert_sha256.empty())
    add(by_cert_, f.cert_sha256, shared_cert_.contains(f.cert_sha256));
  if (!IsGenericRealm(f.realm))
    add(by_realm_, f.realm, shared_realm_.contains(f.realm));
  if (auto it = by_address_.find({f.ip, f.port}); it != by_address_.end())
    ids.insert(ids.end(), it->second.begin(), it->second.end());
  SortUnique(&ids);  // in id order, as the std::set before
  std::vector<Device> out;
  out.reserve(ids.size());
  for (int64_t id : ids) out.push_back(devices_.at(id));
  return out;
}

int64_t DeviceSet::Add(Device d) {
  d.id = next_id_++;
  created_ = true;
  dirty_.push_back(d.id);
  int64_t id = d.id;
  Keep(std::move(d));
  return id;
}

void DeviceSet::Replace(const Device& updated) {
  Device& d = devices_.at(updated.id);
  Index(d, -1);
  d = updated;
  Index(d, +1);
  dirty_.push_back(d.id);
}

Status DeviceSet::Store() {
  std::vector<int64_t> ids = dirty_;
  SortUnique(&ids);
  static const std::string kColumns = std::string("id, ") + kDeviceColumns;
  std::string update;
  for (std::string_view rest = kDeviceColumns; !rest.empty();) {
    size_t comma = rest.find(',');
    std::string_view col = rest.substr(0, comma);
    while (!col.empty() && col.front() == ' ') col.remove_prefix(1);
    update += (update.empty() ? "" : ", ") + std::string(col) + " = excluded." +
              std::string(col);
    rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
  }
  AMTSCOPE_RETURN_IF_ERROR(
      Chunked(ids.size(), kRowsPerStatement, [&](size_t at, size_t n) {
        std::string sql = "INSERT INTO devices (" + kColumns + ") VALUES ";
        std::vector<SqlValue> params;
        for (size_t i = 0; i < n; ++i) {
          const Device& d = devices_.at(ids[at + i]);
          sql += (i == 0 ? "(" : ", (") + Marks(14) + ")";
          params.emplace_back(d.id);
          for (SqlValue& v : DeviceParams(d)) params.push_back(std::move(v));
        }
        sql += " ON CONFLICT (id) DO UPDATE SET " + update;
        return db_.Query(sql, params).status();
      }));
  if (!created_ || db_.dialect() != SqlDialect::kPostgres) return Status::Ok();
  // Ids were given here; the serial's sequence must not hand them out again.
  return db_
      .Query("SELECT setval(pg_get_serial_sequence('devices', 'id'), ?)",
             {next_id_ - 1})
      .status();
}

using ObservationKey = std::tuple<std::string, uint16_t, std::string>;

struct ObservationKeyHash {
  size_t operator()(const ObservationKey& k) const {
    std::hash<std::string> h;
    return (h(std::get<0>(k)) * 31 + std::get<1>(k)) * 31 + h(std::get<2>(k));
  }
};
using ObservationKeys = std::unordered_set<ObservationKey, ObservationKeyHash>;

ObservationKey KeyOfObservation(const Finding& f) {
  return {f.ip, f.port, f.proto};
}

// The observations scan `scan_id` holds already at the batch's addresses.
Result<ObservationKeys> StoredKeys(SqlConnection& db, int64_t scan_id,
                                   std::span<const Observation> batch) {
  std::set<std::string> ips;
  for (const Observation& obs : batch) ips.insert(obs.finding.ip);
  std::vector<std::string> list(ips.begin(), ips.end());
  ObservationKeys out;
  Status st =
      Chunked(list.size(), ValuesPerLookup(db), [&](size_t at, size_t n) {
        std::vector<SqlValue> params(list.begin() + at, list.begin() + at + n);
        // The scan id is a number, safe in the text; the values stay
        // parameters.
        auto rows = db.Query(
            PerValue(db.dialect(), "SELECT ip, port, proto FROM observations",
                     "ip", " AND scan_id = " + std::to_string(scan_id), n),
            params);
        if (!rows.ok()) return rows.status();
        for (const SqlRow& r : *rows)
          out.insert({CellText(r[0]), static_cast<uint16_t>(CellInt(r[1])),
                      CellText(r[2])});
        return Status::Ok();
      });
  if (!st.ok()) return st;
  return out;
}

// An observation to insert and the device it was linked to (the batch's
// observation itself, not a copy).
using Row = std::pair<const Observation*, int64_t>;

Status InsertObservations(SqlConnection& db, int64_t scan_id,
                          const std::vector<Row>& rows) {
  static const std::string kHead = std::string("INSERT INTO observations (") +
                                   "scan_id, " + kObservationColumns +
                                   ") VALUES ";
  return Chunked(rows.size(), kRowsPerStatement, [&](size_t at, size_t n) {
    std::string sql = kHead;
    std::vector<SqlValue> params;
    for (size_t i = 0; i < n; ++i) {
      const auto& [o, device_id] = rows[at + i];
      std::vector<SqlValue> one = ObservationParams(scan_id, device_id, *o);
      sql += (i == 0 ? "(" : ", (") + Marks(one.size()) + ")";
      for (SqlValue& v : one) params.push_back(std::move(v));
    }
    return db.Query(sql + " ON CONFLICT DO NOTHING", params).status();
  });
}

}  // namespace

Status StoreBatch(SqlConnection& db, const LinkScan& scan,
                  std::span<const Observation> batch, bool check_stored) {
  if (batch.empty()) return Status::Ok();
  if (db.dialect() == SqlDialect::kPostgres) {
    // Every lookup here is a few index probes by design. A table that grew
    // from empty since autovacuum last analysed it (a first campaign's
    // first minute) has no statistics, and the planner then scanned the
    // whole table once per value: 4 ms instead of 0.4 ms per lookup.
    // LOCAL: until this transaction ends.
    AMTSCOPE_RETURN_IF_ERROR(
        db.Query("SET LOCAL enable_seqscan = off", {}).status());
  }
  ObservationKeys seen;
  seen.reserve(batch.size());
  if (check_stored) {
    AMTSCOPE_ASSIGN_OR_RETURN(seen, StoredKeys(db, scan.id, batch));
  }
  DeviceSet devices(db);
  AMTSCOPE_RETURN_IF_ERROR(devices.Load(batch));
  std::vector<Row> rows;
  rows.reserve(batch.size());
  for (const Observation& obs : batch) {
    if (!seen.insert(KeyOfObservation(obs.finding)).second) continue;
    std::vector<Device> candidates = devices.Candidates(obs.finding);
    std::vector<DeviceKey> keys;
    keys.reserve(candidates.size());
    for (const Device& d : candidates)
      keys.push_back(KeyOf(d, obs.finding, scan));
    DeviceMatch match = MatchDevice(obs, keys);
    int64_t device_id = match.device_id;
    if (match.kind == MatchKind::kNew) {
      device_id = devices.Add(ApplyObservation({}, obs, scan.id, scan.site));
    } else {
      auto it = std::find_if(
          candidates.begin(), candidates.end(),
          [&](const Device& d) { return d.id == match.device_id; });
      devices.Replace(ApplyObservation(*it, obs, scan.id, scan.site));
    }
    rows.emplace_back(&obs, device_id);
  }
  AMTSCOPE_RETURN_IF_ERROR(devices.Store());
  return InsertObservations(db, scan.id, rows);
}

}  // namespace amtscope
