// Checkpointer: keeps the resume file current while a scan runs, so a
// kill -9, an OOM kill or a power cut loses no finished probe (issue 10
// items 2 and 3).
//
// Contract (resume.h): the sink writes a record (flushed per record), marks
// its position done, then calls AfterDone under the same lock. A save takes
// the tracker and the output file's size at the same moment and makes the
// output durable before the resume file, so a checkpoint never claims a
// probe whose record is not on disk. The output may be longer than the
// checkpoint knows (records written after it): ReconcileWithOutput
// (reconcile.h) marks those done on resume instead of probing them again.
//
// XML is written at the end, so an XML scan only saves at the start and at
// the end: until then none of the session's findings are on disk.
#ifndef AMTSCOPE_SCAN_CHECKPOINT_H_
#define AMTSCOPE_SCAN_CHECKPOINT_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "core/status.h"
#include "model/output_writer.h"
#include "scan/resume.h"

namespace amtscope {

/// How often a running scan saves its progress.
struct CheckpointPolicy {
  std::chrono::milliseconds interval{2000};  // at most this long between
  uint64_t every_probes = 5000;              // or after this many probes
  std::chrono::milliseconds min_gap{200};    // never more often than this
};

/// Saves ResumeState snapshots to `state.options.resume_file`.
class Checkpointer {
 public:
  using Clock = std::chrono::steady_clock;
  using NowFn = std::function<Clock::time_point()>;

  /// `base`: options, totals and fingerprint of the scan and the counters of
  /// earlier runs (resume); the progress fields are filled at each save.
  Checkpointer(ResumeState base, CheckpointPolicy policy = {},
               NowFn now = &Clock::now);

  using SaveFn = std::function<Status(const ResumeState&)>;
  /// Saves through `save` instead of the resume file (a campaign's database
  /// checkpoint, which stores the findings with it, so any format streams).
  void SaveThrough(SaveFn save);

  /// Saves now: at the start (so a resume file exists from the first
  /// moment) and after an interruption.
  Status Save(const CompletionTracker& tracker, const RunStats& session);
  /// Saves when the policy says so; call after every done probe, under the
  /// sink's lock. The first failure is kept (status()) and not retried.
  void AfterDone(const CompletionTracker& tracker, const RunStats& session);
  /// OK, or the first failed periodic save.
  const Status& status() const { return status_; }

 private:
  ResumeState base_;
  CheckpointPolicy policy_;
  NowFn now_;
  SaveFn save_;
  bool streaming_;  // the output holds each record as soon as it is done
  Clock::time_point last_save_;
  uint64_t done_since_save_ = 0;
  Status status_;
};

/// Whether `format` writes each record as it is done (ndjson, csv, table).
bool IsStreamingFormat(std::optional<OutputFormat> format);

/// A plain run (no --resume, no --force) must not overwrite an unfinished
/// scan: InvalidArgument when `options.resume_file` exists, naming it and
/// its output, with the commands that continue or discard it.
Status RefuseToOverwriteUnfinished(const ScanOptions& options);

/// After a completed scan: removes the resume file it kept current and the
/// one it was resumed from. Returns a note for stderr when one could not be
/// removed.
std::string RemoveResumeFiles(const ScanOptions& options);

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_CHECKPOINT_H_
