// Recording a scan into the inventory (issue 12): an OutputWriter in the
// scan's tee that stores findings in batches, one transaction each, on a
// thread of its own, so the probes never wait for the database (a scan's
// sink runs under the writers' lock: a synchronous batch stalled the whole
// scan, +7 % on the bench rig's /16). A campaign shard stores synchronously:
// its batches go with its checkpoints, in order. A
// database failure never fails the scan's other outputs or its resume file:
// Record() always returns OK, the first failure is kept in status() and
// recording stops (the output file still holds everything).
#ifndef AMTSCOPE_CLI_INVENTORY_RECORDER_H_
#define AMTSCOPE_CLI_INVENTORY_RECORDER_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "core/mutex.h"
#include "core/result.h"
#include "inventory/inventory.h"
#include "model/output_writer.h"

namespace amtscope::cli {

class InventoryRecorder : public OutputWriter {
 public:
  /// Writes a batch when it holds `batch` findings or is `every` old.
  InventoryRecorder(Inventory& inventory, int64_t scan_id, size_t batch = 512,
                    std::chrono::milliseconds every = std::chrono::seconds(2));
  /// Stores what is queued and stops the writer thread (as End()).
  ~InventoryRecorder() override;
  InventoryRecorder(const InventoryRecorder&) = delete;
  InventoryRecorder& operator=(const InventoryRecorder&) = delete;

  Status Begin(const ScanInfo&) override { return Status::Ok(); }
  Status Record(const Finding& finding) override;
  /// Stores what is buffered and waits for the writer thread (FinishScan is
  /// the caller's: it knows how the scan ended).
  Status End(const RunStats&) override;

  /// Campaign mode: every batch is stored with the shard's progress through
  /// Inventory::SaveShard, which also renews the shard's lease.
  void RecordAsShard(const ShardProgress& progress) { shard_ = progress; }
  /// Stores what is buffered together with `progress` (a checkpoint) in one
  /// transaction; the first failure is kept and returned.
  Status Checkpoint(const ShardProgress& progress);

  /// The first database failure, OK when none.
  Status status() const;
  /// Observations stored so far.
  uint64_t stored() const;

 private:
  void Flush() REQUIRES(mu_);
  // SaveShard of the buffer with shard_; keeps the first failure.
  Status SaveShardBatch() REQUIRES(mu_);
  void Writer();
  // Stores `batch` (without holding mu_); keeps the first failure.
  void Store(std::vector<Observation> batch);

  Inventory& inventory_;
  int64_t scan_id_;
  size_t batch_size_;
  std::chrono::milliseconds every_;
  std::optional<ShardProgress> shard_;  // set before the scan starts
  mutable Mutex mu_;
  std::condition_variable_any cv_;
  std::vector<Observation> pending_ GUARDED_BY(mu_);
  std::chrono::steady_clock::time_point oldest_ GUARDED_BY(mu_);
  bool ending_ GUARDED_BY(mu_) = false;
  Status status_ GUARDED_BY(mu_);
  uint64_t stored_ GUARDED_BY(mu_) = 0;
  std::thread writer_;  // plain scans only, started by the first Record
};

/// Stores `findings` into scan `scan_id` in transactions of `batch`; a
/// finding already stored for that scan, address and port is skipped, so
/// storing the same file twice stores nothing twice.
Status StoreFindings(Inventory& inventory, int64_t scan_id,
                     std::span<const Finding> findings, size_t batch = 5000);

/// On `scan --resume`: stores what the scan's -o file already holds (written
/// before a kill -9, or while the database was unreachable) into its
/// inventory scan. Returns how many records the file held; an -o format
/// that cannot be read back (csv, table, gnmap) stores nothing and says so.
Result<uint64_t> StoreOutputFile(Inventory& inventory, int64_t scan_id,
                                 const std::string& path);

}  // namespace amtscope::cli

#endif  // AMTSCOPE_CLI_INVENTORY_RECORDER_H_
