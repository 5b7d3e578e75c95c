#include "scan/progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace amtscope {

std::string FormatProgress(const ProgressSnapshot& s) {
  double pct = s.total ? 100.0 * static_cast<double>(s.done) /
                             static_cast<double>(s.total)
                       : 100;
  std::string eta = "-";
  if (s.rate > 0 && s.total >= s.done) {
    auto secs =
        static_cast<uint64_t>(static_cast<double>(s.total - s.done) / s.rate);
    eta = secs >= 3600 ? fmt::format("{}:{:02}:{:02}", secs / 3600,
                                     secs / 60 % 60, secs % 60)
                       : fmt::format("{}:{:02}", secs / 60, secs % 60);
  }
  return fmt::format(
      "{}/{} probes ({:.1f}%), {:.0f}/s, ETA {}, open {}, AMT {}, vulnerable "
      "{}",
      s.done, s.total, pct, s.rate, eta, s.open, s.amt, s.vulnerable);
}

bool IsInteractive(int fd) {
  if (isatty(fd) == 0) return false;
  const char* term = std::getenv("TERM");
  return term != nullptr && std::strcmp(term, "dumb") != 0 && *term != '\0';
}

ProgressReporter::ProgressReporter(const EngineCounters& counters,
                                   uint64_t total, uint64_t already_done,
                                   std::FILE* out, bool interactive,
                                   std::chrono::milliseconds plain_interval)
    : counters_(counters),
      total_(total),
      base_(already_done),
      out_(out),
      interactive_(interactive),
      interval_(interactive ? std::chrono::milliseconds(250) : plain_interval),
      start_(std::chrono::steady_clock::now()),
      thread_([this] { Loop(); }) {}

ProgressReporter::~ProgressReporter() { Finish(); }

ProgressSnapshot ProgressReporter::Snap(double elapsed_s, double rate) const {
  ProgressSnapshot s;
  s.done = base_ + counters_.done.load();
  s.total = total_;
  s.open = counters_.open.load();
  s.amt = counters_.amt.load();
  s.vulnerable = counters_.vulnerable.load();
  s.elapsed_s = elapsed_s;
  s.rate = rate;
  return s;
}

// The analysis cannot follow a condition variable's wait (it releases and
// re-takes mu_ inside), so this one function is exempt.
void ProgressReporter::Loop() NO_THREAD_SAFETY_ANALYSIS {
  std::unique_lock<Mutex> lock(mu_);
  uint64_t last_done = counters_.done.load();
  auto last = std::chrono::steady_clock::now();
  double rate = 0;
  auto stopped = [this]() NO_THREAD_SAFETY_ANALYSIS { return stop_; };
  while (!cv_.wait_for(lock, interval_, stopped)) {
    auto now = std::chrono::steady_clock::now();
    uint64_t done = counters_.done.load();
    double dt = std::chrono::duration<double>(now - last).count();
    double inst = dt > 0 ? static_cast<double>(done - last_done) / dt : 0;
    rate = rate == 0 ? inst : 0.7 * rate + 0.3 * inst;  // smooth the ETA
    last_done = done;
    last = now;
    std::string line = FormatProgress(
        Snap(std::chrono::duration<double>(now - start_).count(), rate));
    if (interactive_) {
      fmt::print(out_, "\r\033[K{}", line);
    } else {
      fmt::print(out_, "amtscope: {}\n", line);
    }
    std::fflush(out_);
  }
}

void ProgressReporter::Finish() {
  {
    MutexLock lock(mu_);
    if (stop_) return;
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_)
          .count();
  double rate =
      elapsed > 0 ? static_cast<double>(counters_.done.load()) / elapsed : 0;
  std::string line = FormatProgress(Snap(elapsed, rate));
  if (interactive_) {
    fmt::print(out_, "\r\033[K{} in {:.1f}s\n", line, elapsed);
  } else {
    fmt::print(out_, "amtscope: {} in {:.1f}s\n", line, elapsed);
  }
  std::fflush(out_);
}

}  // namespace amtscope
