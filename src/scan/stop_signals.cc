#include "scan/stop_signals.h"

#include <pthread.h>
#include <signal.h>

#include <ctime>

namespace amtscope {

namespace {

sigset_t StopSet() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

}  // namespace

StopSignals::StopSignals() {
  sigset_t set = StopSet();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  thread_ = std::thread([this] { Loop(); });
}

StopSignals::~StopSignals() {
  quit_.store(true);
  thread_.join();
}

void StopSignals::SetHandler(std::function<void()> stop) {
  std::lock_guard<std::mutex> lock(mu_);
  stop_ = std::move(stop);
  if (stop_ && count_.load() > 0) stop_();
}

// Polls with a short timeout so the destructor needs no signal of its own.
void StopSignals::Loop() {
  const sigset_t set = StopSet();
  const timespec tick{0, 50'000'000L};  // 50 ms
  while (!quit_.load()) {
    if (sigtimedwait(&set, nullptr, &tick) < 0) continue;
    std::lock_guard<std::mutex> lock(mu_);
    count_.fetch_add(1);
    if (stop_) stop_();
  }
}

}  // namespace amtscope
