// Resume files: what an interrupted scan saves so `--resume FILE` continues
// it without re-probing finished targets and without losing or duplicating
// results (issue 4 item 6; masscan's paused.conf done right,
// docs/conventions.md §2b "resume" and §2c item 1).
//
// Contract with the engine (single-threaded per scan, e.g. on one strand):
//  1. Probes are numbered by their position in ScanOrder (this shard).
//     After a probe at position p finishes, the engine first Record()s its
//     finding(s) (writers flush per record), then calls tracker.MarkDone(p),
//     then updates its counters. Nothing may run between the two steps.
//  2. On SIGINT/SIGTERM it stops starting probes and abandons the ones in
//     flight: they are not marked done, so they run again on resume, and they
//     wrote nothing, so nothing is duplicated. It calls writer->End() with
//     stats.interrupted, then SaveResumeFile(options.resume_file, state).
//  3. `--resume FILE`: LoadResumeFile, then ResumedOptions, rebuild the
//     TargetSpace, CheckResumeMatches, PrepareAppend(format, output) (the
//     output file is appended to; with stdout, redirect with >>), build the
//     same ScanOrder (seed and shard are in the file), skip every position
//     tracker.IsDone(), and start the counters from state.stats.
//
// File format: "name = value" lines; first the scan options exactly as
// --echo prints them (scan/scan_options.h), then "resume-*" progress lines,
// then a checksum line over everything before it. Any damage → an
// InvalidArgument (exit 2) naming the file and line.
#ifndef AMTSCOPE_SCAN_RESUME_H_
#define AMTSCOPE_SCAN_RESUME_H_

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "net/target_space.h"
#include "scan/scan_options.h"

namespace amtscope {

/// Counters carried across a resume so the final summary covers both runs.
struct ResumeCounters {
  uint64_t targets_done = 0;
  uint64_t open_ports = 0;
  uint64_t amt_found = 0;
  uint64_t vulnerable = 0;
  bool operator==(const ResumeCounters&) const = default;
};

/// Everything in a resume file.
struct ResumeState {
  ScanOptions options;               // effective options (seed resolved)
  uint64_t total_positions = 0;      // ScanOrder::size() of this shard
  uint64_t target_count = 0;         // TargetSpace::size()
  uint64_t target_fingerprint = 0;   // TargetSpace::Fingerprint()
  uint64_t watermark = 0;            // every position below is done
  std::vector<uint64_t> done_above;  // sorted positions >= watermark also done
  ResumeCounters counters;
  /// Size of the -o file when this state was saved (ndjson/csv; records
  /// beyond it were written later and are reconciled on resume).
  uint64_t output_bytes = kUnknownOutputBytes;
  static constexpr uint64_t kUnknownOutputBytes = UINT64_MAX;
};

/// Which positions of a scan are done, in memory proportional to the spread
/// of probes in flight (a watermark plus a window above it).
class CompletionTracker {
 public:
  CompletionTracker() = default;
  /// Restores the state saved in a resume file.
  explicit CompletionTracker(const ResumeState& state);

  /// True when `position` finished (skip it on resume).
  bool IsDone(uint64_t position) const;
  /// Records that `position` finished; idempotent.
  void MarkDone(uint64_t position);
  /// Every position below this is done.
  uint64_t watermark() const { return watermark_; }
  /// Number of done positions (below and above the watermark).
  uint64_t done_count() const { return watermark_ + done_above_count_; }
  /// Writes watermark and done_above into `state`.
  void SaveInto(ResumeState* state) const;

 private:
  uint64_t watermark_ = 0;
  uint64_t done_above_count_ = 0;
  std::deque<bool> window_;  // window_[i]: position watermark_ + i is done
};

/// The file's text (deterministic; see the format above).
std::string FormatResumeFile(const ResumeState& state);
/// Parses a resume file's text; `name` is used in messages.
Result<ResumeState> ParseResumeFile(std::string_view text,
                                    std::string_view name = "resume file");
/// Writes atomically and durably (temp file, fsync, rename, fsync of the
/// directory) so a crash or power cut never leaves half a file.
Status SaveResumeFile(const std::string& path, const ResumeState& state);
/// Reads and checks a resume file; InvalidArgument (exit 2) when unreadable or
/// damaged.
Result<ResumeState> LoadResumeFile(const std::string& path);
/// InvalidArgument when the targets now resolve to a different space than
/// when the scan was interrupted (changed -iL file, DNS, excludes).
Status CheckResumeMatches(const ResumeState& state, const TargetSpace& space,
                          uint64_t total_positions);
/// The options to continue with: the file's, plus from the command line
/// quiet, progress, force, and --rate/--concurrency when given (they change
/// the pace, not what is scanned). Progress is saved back into the resumed
/// file unless --resume-file names another.
ScanOptions ResumedOptions(const ResumeState& state,
                           const ScanOptions& command_line);

/// fsync()s the directory holding `path` so a rename in it survives a power
/// cut; best effort.
void SyncParentDirectory(const std::string& path);

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_RESUME_H_
