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
#include "scan/scan_options.h"

namespace amtscope::cli {

/// The inventory a scan records into; both null with --no-db.
struct ScanRecording {
  std::unique_ptr<Inventory> inventory;
  InventoryRecorder* recorder = nullptr;  // owned by the output tee
};

/// Opens the inventory of `o` and begins (or, when `resumed`, continues)
/// its scan, setting `o.db_scan_id`. InvalidArgument when it cannot open.
Status StartScanRecording(ScanOptions& o, bool resumed, uint64_t target_count,
                          const CommandContext& ctx, ScanRecording* rec);

/// Stores the end of the scan as `how`. A failure (also the recorder's) is
/// reported with a hint that says how to store the results later; the scan's
/// own outputs are complete either way.
Status FinishScanRecording(const ScanRecording& rec, const ScanOptions& o,
                           ScanStatus how, const RunStats& stats);

}  // namespace amtscope::cli

#endif  // AMTSCOPE_CLI_SCAN_RECORDING_H_
