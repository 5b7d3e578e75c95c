// Campaigns over SqlConnection: claim, renew, finish, read.
#include "inventory/sql_campaign.h"

#include <fmt/format.h>

#include <string>

#include "inventory/sql_rows.h"

namespace amtscope {
namespace {

std::string S(ScanStatus s) { return std::string(ToString(s)); }

Result<int64_t> CreateCampaignScan(SqlConnection& db, const ShardClaim& c) {
  ScanRecord s = c.scan;
  s.status = ScanStatus::kRunning;
  s.end = TimePoint();
  s.campaign = c.campaign;
  s.shards = c.shards;
  std::vector<SqlValue> params = ScanParams(s);
  params.push_back(c.key);
  std::string marks;
  for (size_t i = 0; i < params.size(); ++i) marks += i == 0 ? "?" : ", ?";
  auto rows =
      db.Query(std::string("INSERT INTO scans (") + kScanColumns +
                   ", campaign_key) VALUES (" + marks + ") RETURNING id",
               params);
  if (!rows.ok()) return rows.status();
  return CellInt((*rows)[0][0]);
}

// The campaign's scan, created by its first shard; every later shard must
// scan the same space in the same order, or the shards would overlap.
Result<int64_t> CampaignScan(SqlConnection& db, const ShardClaim& c) {
  auto rows =
      db.Query("SELECT id, campaign_key, shards FROM scans WHERE campaign = ?",
               {c.campaign});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return CreateCampaignScan(db, c);
  const SqlRow& row = (*rows)[0];
  std::string key = CellText(row[1]);
  if (key == c.key && CellInt(row[2]) == c.shards) return CellInt(row[0]);
  return Status::InvalidArgument(
      fmt::format("campaign '{}' was begun with other targets, ports, seed or "
                  "shard count ({} shards: {}); this shard has {} shards: {}",
                  c.campaign, CellInt(row[2]), key, c.shards, c.key),
      "give every shard of a campaign the same arguments, or start another "
      "--campaign");
}

Status MarkCampaignRunning(SqlConnection& db, int64_t scan_id) {
  return db
      .Query("UPDATE scans SET status = ?, end_ms = 0 WHERE id = ?",
             {S(ScanStatus::kRunning), scan_id})
      .status();
}

Status InsertShard(SqlConnection& db, int64_t scan_id, const ShardClaim& c) {
  int64_t now = ToMillis(c.now);
  return db
      .Query(
          "INSERT INTO campaign_shards (scan_id, shard, status, holder, "
          "lease_until_ms, started_ms, updated_ms, end_ms, total, done, "
          "targets_done, open_ports, amt_found, vulnerable, checkpoint) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, ?)",
          {scan_id, int64_t{c.shard}, S(ScanStatus::kRunning), c.holder,
           now + c.lease.count(), now, now, std::string()})
      .status();
}

Status HeldElsewhere(const ShardClaim& c, const std::string& holder,
                     int64_t lease_until) {
  int64_t left = (lease_until - ToMillis(c.now) + 999) / 1000;
  return Status::InvalidArgument(
      fmt::format("shard {}/{} of campaign '{}' is held by {} (lease for {} s "
                  "more)",
                  c.shard, c.shards, c.campaign, holder, left),
      "another process is scanning it; one that stopped is taken over when "
      "its lease runs out, or at once on the same host when its process is "
      "gone");
}

const char* kProgressSet =
    "lease_until_ms = ?, updated_ms = ?, total = ?, done = ?, "
    "targets_done = ?, open_ports = ?, amt_found = ?, vulnerable = ?";

void AddProgress(const ShardProgress& p, std::vector<SqlValue>* params) {
  int64_t now = ToMillis(p.now);
  params->insert(
      params->end(),
      {now + p.lease.count(), now, static_cast<int64_t>(p.total),
       static_cast<int64_t>(p.done), static_cast<int64_t>(p.stats.targets_done),
       static_cast<int64_t>(p.stats.open_ports),
       static_cast<int64_t>(p.stats.amt_found),
       static_cast<int64_t>(p.stats.vulnerable)});
}

Status LostLease(int64_t scan_id, const ShardProgress& p) {
  return Status::Unavailable(
      fmt::format("shard {} of campaign scan {} is no longer held by {}: "
                  "another process took it over",
                  p.shard, scan_id, p.holder),
      "this process stops; the holder continues the shard from the stored "
      "checkpoint");
}

// Sets `set` (with its parameters first) where this holder holds the shard.
Status UpdateHeld(SqlConnection& db, int64_t scan_id, const ShardProgress& p,
                  const std::string& set, std::vector<SqlValue> params) {
  params.insert(params.end(), {scan_id, int64_t{p.shard}, p.holder});
  auto rows = db.Query("UPDATE campaign_shards SET " + set +
                           " WHERE scan_id = ? AND shard = ? AND holder = ? "
                           "RETURNING shard",
                       params);
  if (!rows.ok()) return rows.status();
  return rows->empty() ? LostLease(scan_id, p) : Status::Ok();
}

// running while a shard runs or has not started; then done or partial.
Status RecomputeCampaign(SqlConnection& db, int64_t scan_id) {
  auto rows = db.Query(
      "SELECT s.shards, COUNT(c.shard),"
      " SUM(CASE WHEN c.status = ? THEN 1 ELSE 0 END),"
      " SUM(CASE WHEN c.status = ? THEN 1 ELSE 0 END), MAX(c.end_ms),"
      " SUM(c.targets_done), SUM(c.open_ports), SUM(c.amt_found),"
      " SUM(c.vulnerable) FROM scans s JOIN campaign_shards c ON c.scan_id ="
      " s.id WHERE s.id = ? GROUP BY s.shards",
      {S(ScanStatus::kDone), S(ScanStatus::kRunning), scan_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::Ok();
  const SqlRow& r = (*rows)[0];
  int64_t n = CellInt(r[0]), started = CellInt(r[1]), done = CellInt(r[2]);
  bool all_stopped = started == n && CellInt(r[3]) == 0;
  ScanStatus status = !all_stopped ? ScanStatus::kRunning
                      : done == n  ? ScanStatus::kDone
                                   : ScanStatus::kPartial;
  return db
      .Query(
          "UPDATE scans SET status = ?, end_ms = ?, targets_done = ?, "
          "open_ports = ?, amt_found = ?, vulnerable = ? WHERE id = ?",
          {S(status), all_stopped ? CellInt(r[4]) : int64_t{0}, CellInt(r[5]),
           CellInt(r[6]), CellInt(r[7]), CellInt(r[8]), scan_id})
      .status();
}

}  // namespace

Result<ShardGrant> ClaimShardRow(SqlConnection& db, const ShardClaim& c) {
  AMTSCOPE_ASSIGN_OR_RETURN(int64_t scan_id, CampaignScan(db, c));
  auto rows = db.Query(
      "SELECT status, holder, lease_until_ms, checkpoint FROM "
      "campaign_shards WHERE scan_id = ? AND shard = ?",
      {scan_id, int64_t{c.shard}});
  if (!rows.ok()) return rows.status();
  ShardGrant grant{scan_id, false, "", false};
  if (rows->empty()) {
    grant.fresh = true;
    AMTSCOPE_RETURN_IF_ERROR(InsertShard(db, scan_id, c));
    AMTSCOPE_RETURN_IF_ERROR(MarkCampaignRunning(db, scan_id));
    return grant;
  }
  const SqlRow& row = (*rows)[0];
  grant.checkpoint = CellText(row[3]);
  if (CellText(row[0]) == ToString(ScanStatus::kDone)) {
    grant.already_done = true;
    return grant;
  }
  std::string holder = CellText(row[1]);
  int64_t lease_until = CellInt(row[2]);
  bool live = !holder.empty() && holder != c.holder &&
              lease_until > ToMillis(c.now) &&
              !(c.holder_gone && c.holder_gone(holder));
  if (live) return HeldElsewhere(c, holder, lease_until);
  int64_t now = ToMillis(c.now);
  auto updated = db.Query(
      "UPDATE campaign_shards SET status = ?, holder = ?, lease_until_ms = ?,"
      " updated_ms = ?, end_ms = 0 WHERE scan_id = ? AND shard = ?",
      {S(ScanStatus::kRunning), c.holder, now + c.lease.count(), now, scan_id,
       int64_t{c.shard}});
  if (!updated.ok()) return updated.status();
  AMTSCOPE_RETURN_IF_ERROR(MarkCampaignRunning(db, scan_id));
  return grant;
}

Status RenewShardRow(SqlConnection& db, int64_t scan_id,
                     const ShardProgress& p) {
  std::vector<SqlValue> params;
  AddProgress(p, &params);
  std::string set = kProgressSet;
  if (!p.checkpoint.empty()) {
    set += ", checkpoint = ?";
    params.push_back(p.checkpoint);
  }
  return UpdateHeld(db, scan_id, p, set, std::move(params));
}

Status FinishShardRow(SqlConnection& db, int64_t scan_id,
                      const ShardProgress& p, ScanStatus status) {
  std::vector<SqlValue> params;
  AddProgress(p, &params);
  std::string set = std::string(kProgressSet) + ", status = ?, end_ms = ?";
  params.insert(params.end(), {S(status), ToMillis(p.now)});
  if (!p.checkpoint.empty()) {
    set += ", checkpoint = ?";
    params.push_back(p.checkpoint);
  }
  AMTSCOPE_RETURN_IF_ERROR(UpdateHeld(db, scan_id, p, set, std::move(params)));
  // Released: a restart need not wait for the lease.
  auto released = db.Query(
      "UPDATE campaign_shards SET holder = ?, lease_until_ms = 0 WHERE "
      "scan_id = ? AND shard = ?",
      {std::string(), scan_id, int64_t{p.shard}});
  if (!released.ok()) return released.status();
  return RecomputeCampaign(db, scan_id);
}

Result<int64_t> FindCampaignScan(SqlConnection& db, std::string_view name) {
  auto rows =
      db.Query("SELECT id FROM scans WHERE campaign = ?", {std::string(name)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) {
    return Status::NotFound(
        fmt::format("no campaign '{}' in {}", name, db.Describe()),
        "`amtscope inventory scans` lists scans with their campaign names");
  }
  return CellInt((*rows)[0][0]);
}

Result<std::vector<ShardRecord>> ReadShardRows(SqlConnection& db,
                                               int64_t scan_id) {
  auto rows = db.Query(std::string("SELECT ") + kShardColumns +
                           " FROM campaign_shards WHERE scan_id = ? ORDER BY "
                           "shard",
                       {scan_id});
  if (!rows.ok()) return rows.status();
  std::vector<ShardRecord> out;
  for (const SqlRow& r : *rows) out.push_back(ShardFromRow(r));
  return out;
}

}  // namespace amtscope
