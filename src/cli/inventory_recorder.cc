#include "cli/inventory_recorder.h"

#include <cstdio>
#include <filesystem>

#include "core/text_escape.h"
#include "inventory/import.h"

namespace amtscope::cli {
namespace {

void Stopped(const Status& why) {
  std::fprintf(stderr,
               "amtscope: %s; recording stops, the scan and its output files "
               "go on\n",
               PrintableLine(why.ToString()).c_str());
}

}  // namespace

InventoryRecorder::InventoryRecorder(Inventory& inventory, int64_t scan_id,
                                     size_t batch,
                                     std::chrono::milliseconds every)
    : inventory_(inventory),
      scan_id_(scan_id),
      batch_size_(batch),
      every_(every) {}

InventoryRecorder::~InventoryRecorder() { (void)End(RunStats{}); }

Status InventoryRecorder::Record(const Finding& finding) {
  MutexLock lock(mu_);
  if (!status_.ok() || ending_) return Status::Ok();
  if (pending_.empty()) oldest_ = std::chrono::steady_clock::now();
  pending_.push_back({finding, 0});
  if (shard_) {
    if (pending_.size() >= batch_size_ ||
        std::chrono::steady_clock::now() - oldest_ >= every_) {
      Flush();
    }
    return Status::Ok();
  }
  if (!writer_.joinable()) writer_ = std::thread([this] { Writer(); });
  if (pending_.size() >= batch_size_) cv_.notify_one();
  return Status::Ok();
}

Status InventoryRecorder::End(const RunStats&) {
  {
    MutexLock lock(mu_);
    ending_ = true;
    if (shard_ && status_.ok()) Flush();
  }
  cv_.notify_one();
  if (writer_.joinable()) writer_.join();
  return Status::Ok();
}

// Takes a batch when one is full, `every_` has passed, or the scan ended,
// and stores it while Record() goes on filling the next.
void InventoryRecorder::Writer() {
  for (;;) {
    std::vector<Observation> batch;
    {
      MutexLock lock(mu_);
      cv_.wait_for(mu_, every_, [this]() NO_THREAD_SAFETY_ANALYSIS {
        return ending_ || pending_.size() >= batch_size_;
      });
      if (pending_.empty() && ending_) return;
      if (!status_.ok()) return;
      batch.swap(pending_);
    }
    if (!batch.empty()) Store(std::move(batch));
  }
}

void InventoryRecorder::Store(std::vector<Observation> batch) {
  Status st = inventory_.AddObservations(scan_id_, batch);
  MutexLock lock(mu_);
  if (st.ok()) {
    stored_ += batch.size();
    return;
  }
  status_ = st;
  pending_.clear();
  Stopped(status_);
}

Status InventoryRecorder::status() const {
  MutexLock lock(mu_);
  return status_;
}

uint64_t InventoryRecorder::stored() const {
  MutexLock lock(mu_);
  return stored_;
}

Status InventoryRecorder::Checkpoint(const ShardProgress& progress) {
  MutexLock lock(mu_);
  if (!status_.ok()) return status_;
  shard_ = progress;
  Status st = SaveShardBatch();
  shard_->checkpoint.clear();  // batches between checkpoints keep it
  return st;
}

// Campaign shards: stores the buffer with the shard's progress, in order.
void InventoryRecorder::Flush() {
  if (pending_.empty()) return;
  shard_->now = std::chrono::system_clock::now();
  if (!SaveShardBatch().ok()) Stopped(status_);
}

Status InventoryRecorder::SaveShardBatch() {
  Status st = inventory_.SaveShard(scan_id_, *shard_, pending_);
  if (!st.ok()) {
    status_ = st;
    return st;
  }
  stored_ += pending_.size();
  pending_.clear();
  return st;
}

Status StoreFindings(Inventory& inventory, int64_t scan_id,
                     std::span<const Finding> findings, size_t batch) {
  std::vector<Observation> pending;
  pending.reserve(std::min(batch, findings.size()));
  for (size_t i = 0; i < findings.size(); ++i) {
    pending.push_back({findings[i], 0});
    if (pending.size() == batch || i + 1 == findings.size()) {
      AMTSCOPE_RETURN_IF_ERROR(inventory.AddObservations(scan_id, pending));
      pending.clear();
    }
  }
  return Status::Ok();
}

Result<uint64_t> StoreOutputFile(Inventory& inventory, int64_t scan_id,
                                 const std::string& path) {
  // A scan killed before its first record leaves an empty file (or none):
  // nothing to store, not an unknown format.
  std::error_code ec;
  if (std::filesystem::file_size(path, ec) == 0 || ec) return uint64_t{0};
  auto in = ImportFile(path);
  if (!in.ok()) {
    return in.status().WithContext("reading back " + path +
                                   " for the inventory");
  }
  AMTSCOPE_RETURN_IF_ERROR(StoreFindings(inventory, scan_id, in->findings));
  return static_cast<uint64_t>(in->findings.size());
}

}  // namespace amtscope::cli
