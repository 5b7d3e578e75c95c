#include "scan/checkpoint.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace amtscope {

namespace {

// Makes the records written so far durable and returns the output's size;
// kUnknownOutputBytes for stdout or when the file cannot be opened.
uint64_t SyncOutput(const std::string& path) {
  if (path.empty()) return ResumeState::kUnknownOutputBytes;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ResumeState::kUnknownOutputBytes;
  struct stat st {};
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  if (ok) ::fdatasync(fd);
  ::close(fd);
  return ok ? static_cast<uint64_t>(st.st_size)
            : ResumeState::kUnknownOutputBytes;
}

}  // namespace

bool IsStreamingFormat(std::optional<OutputFormat> format) {
  return format == OutputFormat::kNdjson || format == OutputFormat::kCsv ||
         format == OutputFormat::kTable;  // one flushed row per open port
}

Checkpointer::Checkpointer(ResumeState base, CheckpointPolicy policy, NowFn now)
    : base_(std::move(base)),
      policy_(policy),
      now_(std::move(now)),
      streaming_(IsStreamingFormat(base_.options.format)),
      last_save_(now_()) {}

void Checkpointer::SaveThrough(SaveFn save) { save_ = std::move(save); }

Status Checkpointer::Save(const CompletionTracker& tracker,
                          const RunStats& session) {
  ResumeState st = base_;
  tracker.SaveInto(&st);
  st.counters.targets_done += session.targets_done;
  st.counters.open_ports += session.open_ports;
  st.counters.amt_found += session.amt_found;
  st.counters.vulnerable += session.vulnerable;
  // Only a streamed file can be reconciled by its size; xml is read whole.
  st.output_bytes = streaming_ ? SyncOutput(base_.options.output)
                               : ResumeState::kUnknownOutputBytes;
  last_save_ = now_();
  done_since_save_ = 0;
  if (save_) return save_(st);
  return SaveResumeFile(base_.options.resume_file, st);
}

void Checkpointer::AfterDone(const CompletionTracker& tracker,
                             const RunStats& session) {
  if ((!streaming_ && !save_) || !status_.ok()) return;
  ++done_since_save_;
  Clock::duration since = now_() - last_save_;
  bool due =
      since >= policy_.interval ||
      (done_since_save_ >= policy_.every_probes && since >= policy_.min_gap);
  if (!due) return;
  status_ = Save(tracker, session);
}

Status RefuseToOverwriteUnfinished(const ScanOptions& options) {
  if (options.force || !options.resume.empty()) return Status::Ok();
  struct stat st {};
  if (::stat(options.resume_file.c_str(), &st) != 0) return Status::Ok();
  auto saved = LoadResumeFile(options.resume_file);
  std::string what =
      !saved.ok() ? "a damaged resume file"
      : saved->options.output.empty()
          ? "an unfinished scan (results to stdout)"
          : fmt::format("an unfinished scan of '{}'", saved->options.output);
  return Status::InvalidArgument(
      fmt::format("'{}' holds {}; refusing to start over and overwrite it",
                  options.resume_file, what),
      fmt::format("continue it with `amtscope scan --resume {}`, or add "
                  "--force to discard it (or pick another --resume-file)",
                  options.resume_file));
}

std::string RemoveResumeFiles(const ScanOptions& options) {
  std::string note;
  for (const std::string& path : {options.resume_file, options.resume}) {
    if (path.empty()) continue;
    if (std::remove(path.c_str()) != 0 && errno != ENOENT) {
      note = fmt::format("could not remove the resume file '{}': {}", path,
                         std::strerror(errno));
    }
  }
  return note;
}

}  // namespace amtscope
