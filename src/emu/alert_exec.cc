#include "emu/alert_exec.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

extern char** environ;

namespace amtscope::emu {
namespace {

// The child starts with default signal handling and an empty mask (emulate
// blocks SIGINT/SIGTERM/SIGHUP in every thread), in its own process group
// so a timeout kills whatever the command started.
pid_t Spawn(const std::string& command, int stdin_fd) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, stdin_fd, STDIN_FILENO);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGHUP}) sigaddset(&defaults, sig);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK |
                                      POSIX_SPAWN_SETSIGDEF |
                                      POSIX_SPAWN_SETPGROUP);
  const char* argv[] = {"/bin/sh", "-c", command.c_str(), nullptr};
  pid_t pid = -1;
  int rc = posix_spawn(&pid, "/bin/sh", &actions, &attr,
                       const_cast<char* const*>(argv), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  return rc == 0 ? pid : -1;
}

// Waits for `pid` up to `timeout`; kills its group then. true = exit 0.
bool Reap(pid_t pid, std::chrono::milliseconds timeout, bool* timed_out) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  for (;;) {
    pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) return WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (done < 0 && errno != EINTR) return false;
    if (std::chrono::steady_clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  *timed_out = true;
  kill(-pid, SIGKILL);
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return false;
}

}  // namespace

AlertExec::AlertExec(AlertExecOptions options)
    : options_(std::move(options)),
      tokens_(std::max<uint32_t>(options_.per_minute, 1)),
      refilled_(std::chrono::steady_clock::now()) {
  worker_ = std::thread([this] { Worker(); });
}

AlertExec::~AlertExec() {
  {
    MutexLock lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  worker_.join();
}

// Token bucket: per_minute tokens, refilled continuously.
bool AlertExec::TakeToken(std::chrono::steady_clock::time_point now) {
  double per_ms = options_.per_minute / 60000.0;
  double elapsed =
      std::chrono::duration<double, std::milli>(now - refilled_).count();
  tokens_ = std::min<double>(options_.per_minute, tokens_ + elapsed * per_ms);
  refilled_ = now;
  if (tokens_ < 1.0) return false;
  tokens_ -= 1.0;
  return true;
}

void AlertExec::Submit(std::string json) {
  {
    MutexLock lock(mu_);
    if (stopping_ || queue_.size() >= options_.queue ||
        !TakeToken(std::chrono::steady_clock::now())) {
      ++counters_.dropped;
      return;
    }
    queue_.push_back(std::move(json));
  }
  cv_.notify_one();
}

AlertCounters AlertExec::counters() const {
  MutexLock lock(mu_);
  return counters_;
}

void AlertExec::Worker() {
  // A command that exits without reading its stdin must not kill the
  // honeypot with SIGPIPE: blocked here, the write gets EPIPE instead.
  sigset_t pipe_set;
  sigemptyset(&pipe_set);
  sigaddset(&pipe_set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_set, nullptr);
  for (;;) {
    std::string json;
    {
      MutexLock lock(mu_);
      cv_.wait(mu_, [this]() NO_THREAD_SAFETY_ANALYSIS {
        return stopping_ || !queue_.empty();
      });
      if (stopping_) {
        counters_.dropped += queue_.size();
        queue_.clear();
        return;
      }
      json = std::move(queue_.front());
      queue_.pop_front();
    }
    RunOne(json);
  }
}

void AlertExec::RunOne(const std::string& json) {
  int fds[2];
  bool ok = false, timed_out = false, started = false;
  if (pipe2(fds, O_CLOEXEC) == 0) {
    pid_t pid = Spawn(options_.command, fds[0]);
    close(fds[0]);
    if (pid > 0) {
      started = true;
      // One event is far below the pipe's 64 KiB: the write never waits
      // for the command; non-blocking in case it ever is not.
      fcntl(fds[1], F_SETFL, O_NONBLOCK);
      std::string line = json + "\n";
      ssize_t n = write(fds[1], line.data(), line.size());
      (void)n;  // a command that ignores its input is its own business
      close(fds[1]);
      ok = Reap(pid, options_.timeout, &timed_out);
    } else {
      close(fds[1]);
    }
    // Consume the SIGPIPE a write to an exited command left pending.
    sigset_t pipe_set;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    timespec zero{0, 0};
    sigtimedwait(&pipe_set, nullptr, &zero);
  }
  MutexLock lock(mu_);
  counters_.run += started;
  counters_.failed += !ok;
  counters_.timed_out += timed_out;
}

}  // namespace amtscope::emu
