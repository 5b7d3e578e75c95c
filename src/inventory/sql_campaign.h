// Campaigns over SqlConnection (issue 14; docs/campaigns.md):
// the shards of one campaign record into one scan row; each shard's
// checkpoint, counters and lease are a campaign_shards row. Every function
// here runs inside the caller's write transaction (BeginWrite), which both
// backends serialise across processes, so a claim is atomic.
#ifndef AMTSCOPE_INVENTORY_SQL_CAMPAIGN_H_
#define AMTSCOPE_INVENTORY_SQL_CAMPAIGN_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/status.h"
#include "inventory/inventory.h"
#include "inventory/sql_connection.h"

namespace amtscope {

/// ClaimShard's work. REQUIRES: inside db.BeginWrite().
Result<ShardGrant> ClaimShardRow(SqlConnection& db, const ShardClaim& claim);

/// Renews the lease and stores the checkpoint and counters; Unavailable when
/// another holder has the shard now. REQUIRES: inside db.BeginWrite().
Status RenewShardRow(SqlConnection& db, int64_t scan_id,
                     const ShardProgress& progress);

/// Ends the shard as `status`, releases it and recomputes the campaign's
/// status and totals. REQUIRES: inside db.BeginWrite().
Status FinishShardRow(SqlConnection& db, int64_t scan_id,
                      const ShardProgress& progress, ScanStatus status);

/// The scan id of campaign `name`; NotFound with a hint.
Result<int64_t> FindCampaignScan(SqlConnection& db, std::string_view name);

/// The shard rows of a campaign, by shard number.
Result<std::vector<ShardRecord>> ReadShardRows(SqlConnection& db,
                                               int64_t scan_id);

}  // namespace amtscope

#endif  // AMTSCOPE_INVENTORY_SQL_CAMPAIGN_H_
