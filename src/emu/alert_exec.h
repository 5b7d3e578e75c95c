// AlertExec: `amtscope emulate --alert-exec CMD` (docs/honeypot-service.md
// §4). Runs `/bin/sh -c CMD` with one event's JSON on stdin, from one worker
// thread, so the server threads only queue: a full queue or the rate limit
// drops the alert (counted), a command running longer than the timeout is
// killed with its process group. Nothing here ever blocks a caller of
// Submit beyond a short lock.
//
// Thread-safety: Submit and counters may be called from any thread.
#ifndef AMTSCOPE_EMU_ALERT_EXEC_H_
#define AMTSCOPE_EMU_ALERT_EXEC_H_

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <thread>

#include "core/mutex.h"

namespace amtscope::emu {

/// Limits of the alert command.
struct AlertExecOptions {
  std::string command;       // run by /bin/sh -c
  uint32_t per_minute = 10;  // started at most this often
  size_t queue = 32;         // waiting alerts beyond this: dropped
  std::chrono::milliseconds timeout{10000};  // then SIGKILL to its group
};

/// What happened to the alerts so far.
struct AlertCounters {
  uint64_t run = 0;        // commands started
  uint64_t failed = 0;     // exited non-zero, killed, or not started
  uint64_t timed_out = 0;  // killed at the timeout (also in failed)
  uint64_t dropped = 0;    // queue full or over the rate limit
};

class AlertExec {
 public:
  /// Starts the worker thread.
  explicit AlertExec(AlertExecOptions options);
  /// Stops taking alerts, lets the running command finish (or time out),
  /// drops what is still queued and joins the worker.
  ~AlertExec();
  AlertExec(const AlertExec&) = delete;
  AlertExec& operator=(const AlertExec&) = delete;

  /// Queues `json` (one event) for the command; never waits for it.
  void Submit(std::string json);
  AlertCounters counters() const;

 private:
  void Worker();
  void RunOne(const std::string& json);
  bool TakeToken(std::chrono::steady_clock::time_point now) REQUIRES(mu_);

  const AlertExecOptions options_;
  mutable Mutex mu_;
  std::condition_variable_any cv_;
  std::deque<std::string> queue_ GUARDED_BY(mu_);
  bool stopping_ GUARDED_BY(mu_) = false;
  AlertCounters counters_ GUARDED_BY(mu_);
  double tokens_ GUARDED_BY(mu_);
  std::chrono::steady_clock::time_point refilled_ GUARDED_BY(mu_);
  std::thread worker_;
};

}  // namespace amtscope::emu

#endif  // AMTSCOPE_EMU_ALERT_EXEC_H_
