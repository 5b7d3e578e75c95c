// Recording a scan into the inventory (issue 12): the database is opened
// before any packet is sent (one that cannot be opened is a configuration
// error, exit 2); a resumed scan continues its stored scan id and first
// stores what its -o file already holds; the end is stored with how the
// scan ended.
#ifndef AMTSCOPE_CLI_SCAN_RECORDING_H_
#define AMTSCOPE_CLI_SCAN_RECORDING_H_

#include <cstdint>
#include <memory>

#include "cli/command.h"
#include "cli/inventory_recorder.h"
#include "core/status.h"
#include "inventory/inventory.h"
#include "model/output_writer.h"
#include "scan/resume.h"
#include "scan/scan_options.h"

namespace amtscope::cli {

/// The inventory a scan records into; both null with --no-db.
struct ScanRecording {
  std::unique_ptr<Inventory> inventory;
  InventoryRecorder* recorder = nullptr;  // owned by the output tee
  bool campaign = false;  // --campaign: this process holds one shard
  std::string holder;     // "host:pid" of this process
};

/// --campaign, before any packet: opens the inventory and claims the
/// shard (the campaign's scan id goes to `o.db_scan_id`). `key` is what all
/// shards must share. InvalidArgument (exit 2) when the shard is held by a
/// live process or the campaign has other arguments.
Result<ShardGrant> JoinCampaign(ScanOptions& o, const std::string& key,
                                uint64_t target_count,
                                const CommandContext& ctx, ScanRecording* rec);

/// The shard's progress as a campaign checkpoint stores it.
ShardProgress ShardProgressOf(const ScanRecording& rec, const ScanOptions& o,
                              const ResumeState& state);

/// Saves `state` as the campaign shard's checkpoint, with the findings
/// buffered so far (one transaction).
Status SaveCampaignCheckpoint(const ScanRecording& rec, const ScanOptions& o,
                              const ResumeState& state);

/// Opens the inventory of `o` and begins (or, when `resumed`, continues)
/// its scan, setting `o.db_scan_id`. InvalidArgument when it cannot open.
Status StartScanRecording(ScanOptions& o, bool resumed, uint64_t target_count,
                          const CommandContext& ctx, ScanRecording* rec);

/// Stores the end of the scan as `how` (a campaign's shard: its progress
/// `done` of `total` positions, then the campaign's status). A failure (also
/// the recorder's) is reported with a hint that says how to store the results
/// later; the scan's own outputs are complete either way.
Status FinishScanRecording(const ScanRecording& rec, const ScanOptions& o,
                           ScanStatus how, const RunStats& stats,
                           uint64_t done = 0, uint64_t total = 0);

}  // namespace amtscope::cli

#endif  // AMTSCOPE_CLI_SCAN_RECORDING_H_
