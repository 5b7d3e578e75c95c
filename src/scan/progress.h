// Progress: the scan's status line on stderr.
#ifndef AMTSCOPE_SCAN_PROGRESS_H_
#define AMTSCOPE_SCAN_PROGRESS_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

#include "core/mutex.h"
#include "scan/engine.h"

namespace amtscope {

/// A snapshot of the counters the status line shows.
struct ProgressSnapshot {
  uint64_t done = 0;
  uint64_t total = 0;
  uint64_t open = 0;
  uint64_t amt = 0;
  uint64_t vulnerable = 0;
  double elapsed_s = 0;
  double rate = 0;  // probes/s over the last interval
};

/// "1234/65536 probes (1.9%), 4021/s, ETA 0:16, open 120, AMT 95, vulnerable
/// 40".
std::string FormatProgress(const ProgressSnapshot& s);

/// True when `fd` is a terminal and TERM is not "dumb": only then the line
/// overwrites itself with '\r'.
bool IsInteractive(int fd);

/// Prints the status line from its own thread: every 250 ms overwriting
/// itself on a terminal, one line every `plain_interval` otherwise.
class ProgressReporter {
 public:
  ProgressReporter(
      const EngineCounters& counters, uint64_t total, uint64_t already_done,
      std::FILE* out, bool interactive,
      std::chrono::milliseconds plain_interval = std::chrono::seconds(5));
  ~ProgressReporter();
  /// Prints the final line and stops the thread.
  void Finish();

 private:
  void Loop();
  ProgressSnapshot Snap(double elapsed_s, double rate) const;

  const EngineCounters& counters_;
  uint64_t total_;
  uint64_t base_;
  std::FILE* out_;
  bool interactive_;
  std::chrono::milliseconds interval_;
  std::chrono::steady_clock::time_point start_;
  Mutex mu_;
  std::condition_variable_any cv_;
  bool stop_ GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_PROGRESS_H_
