#include "scan/resume.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/bounded_file.h"
#include "core/strings.h"

namespace amtscope {

namespace {

constexpr int kFormatVersion = 1;
constexpr size_t kDonePerLine = 32;
constexpr std::string_view kDamagedHint =
    "the file is damaged or not a resume file; start the scan again without "
    "--resume "
    "(the same --seed gives the same order)";

uint64_t Fnv1a(std::string_view text) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

bool ParseU64(std::string_view text, uint64_t& out, int base = 10) {
  auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), out, base);
  return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

// Progress lines ("resume-*"); false when the name is not one of them.
Status SetProgress(ResumeState& s, std::string_view name,
                   std::string_view value, bool& known) {
  known = true;
  if (name == "resume-done") {
    size_t start = 0;
    while (start <= value.size()) {
      size_t comma = value.find(',', start);
      std::string_view item = value.substr(start, comma - start);
      uint64_t v = 0;
      if (!ParseU64(item, v))
        return Status::InvalidArgument("bad position list");
      s.done_above.push_back(v);
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    return Status::Ok();
  }
  struct Field {
    std::string_view name;
    uint64_t* target;
    int base;
  };
  const Field fields[] = {{"resume-total", &s.total_positions, 10},
                          {"resume-targets", &s.target_count, 10},
                          {"resume-fingerprint", &s.target_fingerprint, 16},
                          {"resume-watermark", &s.watermark, 10},
                          {"resume-targets-done", &s.counters.targets_done, 10},
                          {"resume-open-ports", &s.counters.open_ports, 10},
                          {"resume-amt-found", &s.counters.amt_found, 10},
                          {"resume-vulnerable", &s.counters.vulnerable, 10},
                          {"resume-output-bytes", &s.output_bytes, 10}};
  for (const Field& f : fields) {
    if (f.name != name) continue;
    if (!ParseU64(value, *f.target, f.base))
      return Status::InvalidArgument("not a number");
    return Status::Ok();
  }
  known = false;
  return Status::Ok();
}

Status CheckConsistent(const ResumeState& s) {
  if (!std::is_sorted(s.done_above.begin(), s.done_above.end()) ||
      std::adjacent_find(s.done_above.begin(), s.done_above.end()) !=
          s.done_above.end()) {
    return Status::InvalidArgument(
        "resume-done positions are not sorted and unique");
  }
  if (s.watermark > s.total_positions ||
      (!s.done_above.empty() && (s.done_above.front() <= s.watermark ||
                                 s.done_above.back() >= s.total_positions))) {
    return Status::InvalidArgument("progress positions lie outside the scan");
  }
  if (s.target_count == 0 || s.total_positions == 0) {
    return Status::InvalidArgument("resume-total/resume-targets missing");
  }
  if (s.options.ports.empty()) return Status::InvalidArgument("no ports line");
  return Status::Ok();
}

}  // namespace

CompletionTracker::CompletionTracker(const ResumeState& state)
    : watermark_(state.watermark) {
  for (uint64_t p : state.done_above) MarkDone(p);
}

bool CompletionTracker::IsDone(uint64_t position) const {
  if (position < watermark_) return true;
  uint64_t offset = position - watermark_;
  return offset < window_.size() && window_[offset];
}

void CompletionTracker::MarkDone(uint64_t position) {
  if (IsDone(position)) return;
  uint64_t offset = position - watermark_;
  if (offset >= window_.size()) window_.resize(offset + 1, false);
  window_[offset] = true;
  ++done_above_count_;
  while (!window_.empty() && window_.front()) {
    window_.pop_front();
    ++watermark_;
    --done_above_count_;
  }
}

void CompletionTracker::SaveInto(ResumeState* state) const {
  state->watermark = watermark_;
  state->done_above.clear();
  for (uint64_t i = 0; i < window_.size(); ++i) {
    if (window_[i]) state->done_above.push_back(watermark_ + i);
  }
}

std::string FormatResumeFile(const ResumeState& s) {
  std::string out =
      "# amtscope resume file: continue with `amtscope scan --resume FILE`.\n"
      "# Do not edit: the checksum line guards it.\n";
  out += fmt::format("version = {}\n", kFormatVersion);
  out += EchoScanOptions(s.options);
  out += fmt::format(
      "resume-total = {}\nresume-targets = {}\nresume-fingerprint = {:016x}\n",
      s.total_positions, s.target_count, s.target_fingerprint);
  out += fmt::format("resume-watermark = {}\n", s.watermark);
  for (size_t i = 0; i < s.done_above.size(); i += kDonePerLine) {
    size_t end = std::min(s.done_above.size(), i + kDonePerLine);
    out += "resume-done = ";
    for (size_t k = i; k < end; ++k)
      out += fmt::format("{}{}", k > i ? "," : "", s.done_above[k]);
    out += '\n';
  }
  out += fmt::format(
      "resume-targets-done = {}\nresume-open-ports = {}\nresume-amt-found = "
      "{}\n"
      "resume-vulnerable = {}\n",
      s.counters.targets_done, s.counters.open_ports, s.counters.amt_found,
      s.counters.vulnerable);
  if (s.output_bytes != ResumeState::kUnknownOutputBytes) {
    out += fmt::format("resume-output-bytes = {}\n", s.output_bytes);
  }
  return out + fmt::format("checksum = {:016x}\n", Fnv1a(out));
}

Result<ResumeState> ParseResumeFile(std::string_view text,
                                    std::string_view name) {
  auto damaged = [name](int line, std::string_view why) {
    return Status::InvalidArgument(
        fmt::format("{} line {}: {}", name, line, why), kDamagedHint);
  };
  ResumeState state;
  state.options = ScanOptions{};
  state.options.ports.clear();  // the file's "ports" line sets them
  bool saw_version = false;
  size_t pos = 0;
  for (int line_no = 1; pos < text.size(); ++line_no) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos)
      return damaged(line_no, "truncated (no checksum line)");
    std::string_view line = Trim(text.substr(pos, nl - pos));
    size_t line_start = pos;
    pos = nl + 1;
    if (line.empty() || line.front() == '#') continue;
    size_t eq = line.find(" = ");
    if (eq == std::string_view::npos)
      return damaged(line_no, "not a 'name = value' line");
    std::string_view key = line.substr(0, eq);
    std::string_view value = line.substr(eq + 3);
    if (key == "checksum") {
      uint64_t sum = 0;
      if (!ParseU64(value, sum, 16) ||
          sum != Fnv1a(text.substr(0, line_start))) {
        return damaged(line_no, "checksum does not match the contents");
      }
      if (!Trim(text.substr(pos)).empty())
        return damaged(line_no + 1, "data after the checksum");
      if (!saw_version) return damaged(line_no, "no version line");
      if (Status st = CheckConsistent(state); !st.ok())
        return damaged(line_no, st.message());
      return state;
    }
    if (key == "version") {
      if (value != std::to_string(kFormatVersion))
        return damaged(line_no, "unsupported version");
      saw_version = true;
      continue;
    }
    bool known = false;
    Status st = SetProgress(state, key, value, known);
    if (known && !st.ok())
      return damaged(line_no, fmt::format("{}: {}", key, st.message()));
    if (known) continue;
    st = SetScanOption(&state.options, key, value);
    if (!st.ok()) return damaged(line_no, st.message());
  }
  return damaged(0, "truncated (no checksum line)");
}

Status SaveResumeFile(const std::string& path, const ResumeState& state) {
  std::string tmp = path + ".tmp";
  std::string text = FormatResumeFile(state);
  auto write_error = [&tmp](int err) {
    return Status::IoError(fmt::format("cannot write resume file '{}': {}", tmp,
                                       std::strerror(err)),
                           "use --resume-file to put it somewhere writable");
  };
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return write_error(errno);
  size_t written = 0;
  while (written < text.size()) {
    ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = errno;
      ::close(fd);
      return write_error(err);
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) return write_error(errno);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return Status::IoError(fmt::format("cannot rename '{}' to '{}': {}", tmp,
                                       path, std::strerror(errno)));
  }
  SyncParentDirectory(path);
  return Status::Ok();
}

Result<ResumeState> LoadResumeFile(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 && errno == ENOENT) {
    return Status::InvalidArgument(
        fmt::format("nothing to resume: '{}' does not exist (a scan removes "
                    "its resume file when it completes)",
                    Excerpt(path, 200)),
        "the scan is finished if it wrote its summary; otherwise start it "
        "again");
  }
  auto text = ReadBoundedFile(path, kMaxResumeFileBytes, "resume file");
  if (!text.ok()) {
    return Status::InvalidArgument(
        text.status().message(),
        "give the file an interrupted scan wrote (default amtscope.resume)");
  }
  return ParseResumeFile(*text,
                         fmt::format("resume file '{}'", Excerpt(path, 200)));
}

Status CheckResumeMatches(const ResumeState& state, const TargetSpace& space,
                          uint64_t total_positions) {
  if (space.size() != state.target_count ||
      space.Fingerprint() != state.target_fingerprint ||
      total_positions != state.total_positions) {
    return Status::InvalidArgument(
        fmt::format("the targets changed since the scan was interrupted ({} "
                    "addresses then, "
                    "{} now)",
                    state.target_count, space.size()),
        "a target file, host name or exclude list changed; start a new scan");
  }
  return Status::Ok();
}

ScanOptions ResumedOptions(const ResumeState& state,
                           const ScanOptions& command_line) {
  const ScanOptions defaults;
  ScanOptions options = state.options;
  options.quiet = command_line.quiet;
  options.verbose = command_line.verbose;  // stderr only, like -q
  options.packet_trace = command_line.packet_trace;
  options.progress = command_line.progress;
  options.force = command_line.force;
  if (command_line.rate != defaults.rate) options.rate = command_line.rate;
  if (command_line.concurrency != defaults.concurrency) {
    options.concurrency = command_line.concurrency;
  }
  options.resume = command_line.resume;
  options.resume_file = command_line.resume_file == defaults.resume_file
                            ? command_line.resume
                            : command_line.resume_file;
  return options;
}

void SyncParentDirectory(const std::string& path) {
  size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "."
                    : slash == 0               ? "/"
                                               : path.substr(0, slash);
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);  // best effort: some file systems refuse it on directories
  ::close(fd);
}

}  // namespace amtscope
