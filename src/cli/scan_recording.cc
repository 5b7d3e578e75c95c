#include "cli/scan_recording.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/check_platform.h"
#include "cli/scan_holder.h"
#include "core/text_escape.h"

namespace amtscope::cli {
namespace {

ScanRecord MakeScanRecord(const ScanOptions& o, const CommandContext& ctx,
                          uint64_t target_count) {
  ScanRecord r;
  r.start = std::chrono::system_clock::now();
  r.command_line = ctx.command_line;
  r.targets = o.targets;
  r.ports = o.ports;
  r.options = nlohmann::json({{"echo", EchoScanOptions(o)}}).dump();
  r.site = o.site;
  r.scanner_host = HostName();
  r.target_count = target_count;
  return r;
}

// A resumed scan's -o file holds results the inventory may lack (kill -9
// before a batch was stored, a database that went away): store them now;
// the store skips what it has, so nothing is stored twice.
Status StoreEarlierResults(Inventory& inventory, const ScanOptions& o) {
  if (o.output.empty() || o.output == "-") return Status::Ok();
  if (o.format != OutputFormat::kNdjson) {
    std::fprintf(stderr,
                 "amtscope: results before the interruption stay in '%s'; "
                 "only an NDJSON -o file is read back into the inventory\n",
                 PrintableLine(o.output).c_str());
    return Status::Ok();
  }
  AMTSCOPE_ASSIGN_OR_RETURN(uint64_t n,
                            StoreOutputFile(inventory, o.db_scan_id, o.output));
  if (n > 0) {
    std::fprintf(stderr,
                 "amtscope: %llu earlier result(s) from '%s' are in inventory "
                 "scan %lld\n",
                 static_cast<unsigned long long>(n),
                 PrintableLine(o.output).c_str(),
                 static_cast<long long>(o.db_scan_id));
  }
  return Status::Ok();
}

Result<std::unique_ptr<Inventory>> OpenForScan(const ScanOptions& o) {
  auto inv = OpenInventory(o.db.empty() ? DefaultInventoryPath() : o.db);
  if (inv.ok()) return inv;
  return Status::InvalidArgument(
      fmt::format("cannot open the inventory: {}", inv.status().message()),
      inv.status().hint().empty()
          ? "give --db PATH|URL, or --no-db to record nothing"
          : inv.status().hint());
}

}  // namespace

Result<ShardGrant> JoinCampaign(ScanOptions& o, const std::string& key,
                                uint64_t target_count,
                                const CommandContext& ctx, ScanRecording* rec) {
  AMTSCOPE_ASSIGN_OR_RETURN(rec->inventory, OpenForScan(o));
  rec->campaign = true;
  rec->holder = ThisHolder();
  ShardClaim claim;
  claim.campaign = o.campaign;
  claim.shard = o.shard.index;
  claim.shards = o.shard.count;
  claim.key = key;
  claim.scan = MakeScanRecord(o, ctx, target_count);
  claim.holder = rec->holder;
  claim.now = std::chrono::system_clock::now();
  claim.holder_gone = &HolderGone;
  AMTSCOPE_ASSIGN_OR_RETURN(ShardGrant grant,
                            rec->inventory->ClaimShard(claim));
  o.db_scan_id = grant.scan_id;
  return grant;
}

ShardProgress ShardProgressOf(const ScanRecording& rec, const ScanOptions& o,
                              const ResumeState& state) {
  ShardProgress p;
  p.shard = o.shard.index;
  p.holder = rec.holder;
  p.now = std::chrono::system_clock::now();
  p.total = state.total_positions;
  p.done = state.watermark + state.done_above.size();
  p.stats.targets_done = state.counters.targets_done;
  p.stats.open_ports = state.counters.open_ports;
  p.stats.amt_found = state.counters.amt_found;
  p.stats.vulnerable = state.counters.vulnerable;
  return p;
}

Status SaveCampaignCheckpoint(const ScanRecording& rec, const ScanOptions& o,
                              const ResumeState& state) {
  ShardProgress p = ShardProgressOf(rec, o, state);
  p.checkpoint = FormatResumeFile(state);
  return rec.recorder->Checkpoint(p);
}

Status StartScanRecording(ScanOptions& o, bool resumed, uint64_t target_count,
                          const CommandContext& ctx, ScanRecording* rec) {
  if (o.no_db || rec->campaign) return Status::Ok();
  AMTSCOPE_ASSIGN_OR_RETURN(rec->inventory, OpenForScan(o));
  if (resumed && o.db_scan_id != 0) {
    AMTSCOPE_RETURN_IF_ERROR(rec->inventory->ResumeScan(o.db_scan_id));
    return StoreEarlierResults(*rec->inventory, o);
  }
  AMTSCOPE_ASSIGN_OR_RETURN(
      o.db_scan_id,
      rec->inventory->BeginScan(MakeScanRecord(o, ctx, target_count)));
  return Status::Ok();
}

// Stores the end of the scan; a failure is reported, not fatal: the output
// file holds the results and `amtscope inventory import` can store them.
Status FinishScanRecording(const ScanRecording& rec, const ScanOptions& o,
                           ScanStatus how, const RunStats& stats, uint64_t done,
                           uint64_t total) {
  if (!rec.inventory) return Status::Ok();
  Status st = rec.recorder->status();
  if (rec.campaign) {
    ShardProgress p;
    p.shard = o.shard.index;
    p.holder = rec.holder;
    p.now = std::chrono::system_clock::now();
    p.done = done;
    p.total = total;
    p.stats = stats;
    if (st.ok()) st = rec.inventory->FinishShard(o.db_scan_id, p, how);
    if (st.ok()) return Status::Ok();
    return Status::IoError(
        fmt::format("shard {} of campaign '{}' is not fully stored: {}",
                    o.shard.ToString(), o.campaign, st.message()),
        "run the same command again: the shard continues from its last "
        "checkpoint in the inventory");
  }
  if (st.ok()) st = rec.inventory->FinishScan(o.db_scan_id, how, stats);
  if (st.ok()) return Status::Ok();
  (void)rec.inventory->FinishScan(o.db_scan_id, ScanStatus::kFailed, stats);
  return Status::IoError(
      fmt::format("scan {} is not fully stored: {}", o.db_scan_id,
                  st.message()),
      o.output.empty() ? "scan again with -o FILE to keep the results"
      : o.resume_file.empty()
          ? fmt::format("store the results with: amtscope inventory import {}",
                        o.output)
          : fmt::format("store the results with: amtscope scan --resume {}",
                        o.resume_file));
}

}  // namespace amtscope::cli
