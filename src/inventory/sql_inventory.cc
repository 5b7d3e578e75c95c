// SqlInventory: the Inventory operations, once, over SqlConnection.
#include "inventory/sql_inventory.h"

#include <set>
#include <string>
#include <vector>

#include "inventory/batch_store.h"
#include "inventory/device_linker.h"
#include "inventory/schema.h"
#include "inventory/sql_campaign.h"
#include "inventory/sql_rows.h"

namespace amtscope {
namespace {

std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

const std::string& SelectScans() {
  static const std::string kSql =
      std::string("SELECT id, ") + kScanColumns +
      ", (SELECT COUNT(*) FROM observations o WHERE o.scan_id = s.id),"
      " (SELECT COUNT(*) FROM machines m WHERE m.scan_id = s.id) FROM scans s";
  return kSql;
}

class SqlInventory : public Inventory {
 public:
  explicit SqlInventory(std::unique_ptr<SqlConnection> db)
      : db_(std::move(db)) {}

  std::string Describe() const override { return db_->Describe(); }

  Result<int64_t> BeginScan(const ScanRecord& scan) override {
    ScanRecord s = scan;
    s.status = ScanStatus::kRunning;
    s.end = TimePoint();
    auto rows = Write(std::string("INSERT INTO scans (") + kScanColumns +
                          ") VALUES (" + Placeholders(17) + ") RETURNING id",
                      ScanParams(s));
    if (!rows.ok()) return rows.status();
    int64_t id = CellInt((*rows)[0][0]);
    begun_here_.insert(id);
    return id;
  }

  Status ResumeScan(int64_t scan_id) override {
    AMTSCOPE_RETURN_IF_ERROR(ScanExists(scan_id));
    return Write("UPDATE scans SET status = ? WHERE id = ?",
                 {std::string(ToString(ScanStatus::kRunning)), scan_id})
        .status();
  }

  Status AddObservations(int64_t scan_id,
                         std::span<const Observation> batch) override {
    AMTSCOPE_ASSIGN_OR_RETURN(LinkScan scan, ScanToLink(scan_id));
    return InWrite<bool>([&]() -> Result<bool> {
             AMTSCOPE_RETURN_IF_ERROR(
                 StoreBatch(*db_, scan, batch, !begun_here_.contains(scan_id)));
             return true;
           })
        .status();
  }

  Status SetScanScope(int64_t scan_id, const ScanRecord& scope) override {
    AMTSCOPE_RETURN_IF_ERROR(ScanExists(scan_id));
    std::vector<SqlValue> params = ScanScopeParams(scope);
    params.emplace_back(scan_id);
    return Write(
               "UPDATE scans SET targets = ?, ports = ?, target_count = ? "
               "WHERE id = ?",
               params)
        .status();
  }

  Status FinishScan(int64_t scan_id, ScanStatus status,
                    const RunStats& stats) override {
    AMTSCOPE_RETURN_IF_ERROR(ScanExists(scan_id));
    return Write(
               "UPDATE scans SET end_ms = ?, status = ?, targets_done = ?, "
               "open_ports = ?,"
               " amt_found = ?, vulnerable = ? WHERE id = ?",
               {ToMillis(stats.end), std::string(ToString(status)),
                static_cast<int64_t>(stats.targets_done),
                static_cast<int64_t>(stats.open_ports),
                static_cast<int64_t>(stats.amt_found),
                static_cast<int64_t>(stats.vulnerable), scan_id})
        .status();
  }

  Result<std::vector<ScanRecord>> Scans() override {
    auto rows = db_->Query(SelectScans() + " ORDER BY s.id DESC", {});
    if (!rows.ok()) return rows.status();
    std::vector<ScanRecord> out;
    for (const SqlRow& row : *rows) out.push_back(ScanFromRow(row));
    return out;
  }

  Result<ScanRecord> GetScan(int64_t scan_id) override {
    auto rows = db_->Query(SelectScans() + " WHERE s.id = ?", {scan_id});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) {
      return Status::NotFound(
          "no scan " + std::to_string(scan_id) + " in " + db_->Describe(),
          "`amtscope inventory scans` lists them");
    }
    return ScanFromRow((*rows)[0]);
  }

  Result<std::vector<Device>> Devices(const DeviceFilter& filter) override;
  Result<std::vector<Observation>> ScanObservations(int64_t scan_id) override;
  Result<std::vector<VerdictRow>> ScanVerdicts(int64_t scan_id) override;
  Status RecordMachine(int64_t scan_id, const MachineRecord& machine) override;
  Result<std::vector<MachineRecord>> ScanMachines(int64_t scan_id) override;
  Result<uint64_t> Prune(uint64_t keep) override;

  Result<ShardGrant> ClaimShard(const ShardClaim& claim) override {
    auto grant =
        InWrite<ShardGrant>([&] { return ClaimShardRow(*db_, claim); });
    if (grant.ok() && grant->fresh)
      fresh_shards_.insert({grant->scan_id, claim.shard});
    return grant;
  }

  Status SaveShard(int64_t scan_id, const ShardProgress& progress,
                   std::span<const Observation> batch) override {
    AMTSCOPE_ASSIGN_OR_RETURN(LinkScan scan, ScanToLink(scan_id));
    return InWrite<bool>([&]() -> Result<bool> {
             AMTSCOPE_RETURN_IF_ERROR(RenewShardRow(*db_, scan_id, progress));
             // Shards are disjoint: only a shard that ran before (a
             // restart re-probes what followed its checkpoint) can meet its
             // own results.
             AMTSCOPE_RETURN_IF_ERROR(StoreBatch(
                 *db_, scan, batch,
                 !fresh_shards_.contains({scan_id, progress.shard})));
             return true;
           })
        .status();
  }

  Status FinishShard(int64_t scan_id, const ShardProgress& progress,
                     ScanStatus status) override {
    return InWrite<bool>([&]() -> Result<bool> {
             AMTSCOPE_RETURN_IF_ERROR(
                 FinishShardRow(*db_, scan_id, progress, status));
             return true;
           })
        .status();
  }

  Result<int64_t> FindCampaign(std::string_view name) override {
    return FindCampaignScan(*db_, name);
  }

  Result<std::vector<ShardRecord>> CampaignShards(int64_t scan_id) override {
    return ReadShardRows(*db_, scan_id);
  }

 private:
  // What linking needs of the scan; NotFound when no such scan.
  Result<LinkScan> ScanToLink(int64_t scan_id) {
    auto rows =
        db_->Query("SELECT site, start_ms FROM scans WHERE id = ?", {scan_id});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) {
      return Status::NotFound(
          "no scan " + std::to_string(scan_id) + " in " + db_->Describe(),
          "`amtscope inventory scans` lists them");
    }
    return LinkScan{scan_id, CellText((*rows)[0][0]),
                    FromMillis(CellInt((*rows)[0][1]))};
  }

  // NotFound when no such scan.
  Status ScanExists(int64_t scan_id) { return ScanToLink(scan_id).status(); }

  // `work` in one write transaction, rolled back when it fails.
  template <typename T, typename Fn>
  Result<T> InWrite(Fn work) {
    AMTSCOPE_RETURN_IF_ERROR(db_->BeginWrite());
    Result<T> out = work();
    if (!out.ok()) {
      db_->Rollback();
      return out.status().WithContext("inventory " + db_->Describe());
    }
    AMTSCOPE_RETURN_IF_ERROR(db_->Commit());
    return out;
  }

  // One statement in its own write transaction.
  Result<std::vector<SqlRow>> Write(std::string_view sql,
                                    const std::vector<SqlValue>& params) {
    AMTSCOPE_RETURN_IF_ERROR(db_->BeginWrite());
    auto rows = db_->Query(sql, params);
    if (!rows.ok()) {
      db_->Rollback();
      return rows.status();
    }
    AMTSCOPE_RETURN_IF_ERROR(db_->Commit());
    return rows;
  }

  std::unique_ptr<SqlConnection> db_;
  std::set<int64_t> begun_here_;  // scans BeginScan created on this handle
  // Shards this handle claimed first (ShardGrant::fresh).
  std::set<std::pair<int64_t, uint32_t>> fresh_shards_;
};

Result<std::vector<Device>> SqlInventory::Devices(const DeviceFilter& filter) {
  std::string sql =
      std::string("SELECT id, ") + kDeviceColumns +
      " FROM devices WHERE (? = 0 OR verdict = ?) AND (? = 0 OR site = ?)";
  std::vector<SqlValue> params = {
      int64_t{filter.vulnerable_only},
      std::string(ToString(ScanVerdict::kVulnerable)),
      int64_t{!filter.site.empty()}, filter.site};
  auto rows = db_->Query(sql + " ORDER BY id", params);
  if (!rows.ok()) return rows.status();
  std::vector<Device> out;
  for (const SqlRow& row : *rows) out.push_back(DeviceFromRow(row));
  return out;
}

Result<std::vector<Observation>> SqlInventory::ScanObservations(
    int64_t scan_id) {
  AMTSCOPE_RETURN_IF_ERROR(ScanExists(scan_id));
  auto rows = db_->Query(
      std::string("SELECT ") + kObservationColumns +
          " FROM observations WHERE scan_id = ? ORDER BY ip, port, proto",
      {scan_id});
  if (!rows.ok()) return rows.status();
  std::vector<Observation> out;
  out.reserve(rows->size());
  for (SqlRow& row : *rows) out.push_back(ObservationFromRow(std::move(row)));
  return out;
}

Result<std::vector<VerdictRow>> SqlInventory::ScanVerdicts(int64_t scan_id) {
  AMTSCOPE_RETURN_IF_ERROR(ScanExists(scan_id));
  auto rows = db_->Query(
      "SELECT device_id, ip, port, amt, verdict, version FROM observations "
      "WHERE scan_id = ? ORDER BY ip, port, proto",
      {scan_id});
  if (!rows.ok()) return rows.status();
  std::vector<VerdictRow> out;
  out.reserve(rows->size());
  for (SqlRow& row : *rows) out.push_back(VerdictFromRow(std::move(row)));
  return out;
}

Status SqlInventory::RecordMachine(int64_t scan_id,
                                   const MachineRecord& machine) {
  AMTSCOPE_RETURN_IF_ERROR(ScanExists(scan_id));
  AMTSCOPE_RETURN_IF_ERROR(db_->BeginWrite());
  auto seen =
      db_->Query("SELECT 1 FROM machines WHERE scan_id = ? AND identity = ?",
                 {scan_id, machine.identity});
  if (seen.ok() && seen->empty()) {
    seen =
        db_->Query(std::string("INSERT INTO machines (scan_id, ") +
                       kMachineColumns + ") VALUES (" + Placeholders(12) + ")",
                   MachineParams(scan_id, machine));
  }
  if (!seen.ok()) {
    db_->Rollback();
    return seen.status();
  }
  return db_->Commit();
}

Result<std::vector<MachineRecord>> SqlInventory::ScanMachines(int64_t scan_id) {
  auto rows =
      db_->Query(std::string("SELECT ") + kMachineColumns +
                     " FROM machines WHERE scan_id = ? ORDER BY identity",
                 {scan_id});
  if (!rows.ok()) return rows.status();
  std::vector<MachineRecord> out;
  for (const SqlRow& row : *rows) out.push_back(MachineFromRow(row));
  return out;
}

Result<uint64_t> SqlInventory::Prune(uint64_t keep) {
  AMTSCOPE_RETURN_IF_ERROR(db_->BeginWrite());
  auto ids = db_->Query("SELECT id FROM scans ORDER BY id DESC", {});
  uint64_t removed = 0;
  for (size_t i = keep; ids.ok() && i < ids->size(); ++i) {
    int64_t id = CellInt((*ids)[i][0]);
    for (const char* sql : {"DELETE FROM observations WHERE scan_id = ?",
                            "DELETE FROM machines WHERE scan_id = ?",
                            "DELETE FROM campaign_shards WHERE scan_id = ?",
                            "DELETE FROM scans WHERE id = ?"}) {
      auto done = db_->Query(sql, {id});
      if (!done.ok()) ids = done.status();
      if (!ids.ok()) break;
    }
    ++removed;
  }
  if (!ids.ok()) {
    db_->Rollback();
    return ids.status();
  }
  AMTSCOPE_RETURN_IF_ERROR(db_->Commit());
  return removed;
}

}  // namespace

Result<std::unique_ptr<Inventory>> OpenSqlInventory(
    std::unique_ptr<SqlConnection> connection) {
  AMTSCOPE_RETURN_IF_ERROR(MigrateSchema(*connection));
  return std::unique_ptr<Inventory>(
      std::make_unique<SqlInventory>(std::move(connection)));
}

}  // namespace amtscope
