#include "scan/stop_signals.h"

#include <pthread.h>
#include <signal.h>

#include <ctime>
#include <string_view>

namespace amtscope {

namespace {

sigset_t StopSet() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

// The subcommand: the first argument that is neither an option nor the
// value of a global option taking one (main.cc: --advisories, --vendors).
bool IsScanCommand(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--advisories" || arg == "--vendors") {
      ++i;
      continue;
    }
    if (!arg.empty() && arg.front() == '-') continue;
    return arg == "scan";
  }
  return false;
}

// A signal that lands between exec and the StopSignals in RunScan would
// kill a scan by its default action (exit 143, no resume file). glibc calls
// .init_array functions with (argc, argv, envp) before main, so the scan
// command blocks SIGINT/SIGTERM from its first moment; StopSignals then
// receives any that are pending. Other commands keep the default handling.
// (A constructor is an .init_array entry, so it gets the arguments too.)
__attribute__((constructor)) void BlockStopSignalsEarlyForScan(
    int argc, char** argv, char** /*envp*/) {
  if (!IsScanCommand(argc, argv)) return;
  sigset_t set = StopSet();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
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
  MutexLock lock(mu_);
  stop_ = std::move(stop);
  if (stop_ && count_.load() > 0) stop_();
}

// Polls with a short timeout so the destructor needs no signal of its own.
void StopSignals::Loop() {
  const sigset_t set = StopSet();
  const timespec tick{0, 50'000'000L};  // 50 ms
  while (!quit_.load()) {
    if (sigtimedwait(&set, nullptr, &tick) < 0) continue;
    MutexLock lock(mu_);
    count_.fetch_add(1);
    if (stop_) stop_();
  }
}

}  // namespace amtscope
