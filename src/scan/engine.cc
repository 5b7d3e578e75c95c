#include "scan/engine.h"

#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <deque>
#include <thread>

#include "net/rate_limiter.h"
#include "scan/connector.h"
#include "scan/probe_connection.h"
#include "scan/scan_verdict.h"
#include "scan/slot_gate.h"

namespace amtscope {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
constexpr auto kUse = asio::as_tuple(asio::use_awaitable);
constexpr size_t kReservedFds = 64;  // files, pipes, output, TLS contexts
constexpr int kProbeThreadNice = 5;  // SYN scans: discovery goes first
// With CAP_SYS_NICE (root, as SYN scans mostly run) discovery also rises
// above everything else on the host: it does the kernel's work for each
// SYN and reply, and a sweep slowed by other load pushes the final wait
// back by as much (docs/scan-performance.md Part 3). Without it: nice 0.
constexpr int kSynThreadNice = -10;
constexpr size_t kMaxQueuedOpenPorts = 100000;  // SYN mode, ~10 MB at most
// TLS probes running at once per worker (slot_gate.h): on the bench rig's
// 2 cores about 600 handshakes a second fit (both ends' RSA), so 64 wait at
// most about 0.1 s; on a LAN (1 ms round trips) a probe holds its slot for
// about 10 ms, so this still allows thousands of TLS ports a second.
constexpr size_t kTlsProbesPerWorker = 64;

asio::awaitable<void> Sleep(asio::steady_timer& timer,
                            Clock::time_point until) {
  timer.expires_at(until);
  co_await timer.async_wait(kUse);
}

}  // namespace

struct ScanEngine::Worker {
  Worker(size_t max, double rate, const ProbeSettings& probe)
      : ctx(1),
        wake(ctx),
        grace(ctx),
        connector(ctx, probe.timeout, probe.retries),
        tls_gate(ctx, kTlsProbesPerWorker),
        limiter(rate, 0, Clock::now()),
        max_inflight(max) {}

  asio::io_context ctx;
  asio::steady_timer wake;   // the feeder sleeps on it
  asio::steady_timer grace;  // after Stop(): cancel what is still running
  Connector connector;       // connect scans: the first step of each probe
  SlotGate tls_gate;         // TLS probes waiting for the CPU do not time out
  ProbeRegistry registry;
  RateLimiter limiter;
  size_t max_inflight;
  size_t inflight = 0;
  std::deque<ProbeTarget> queue;  // open ports waiting for a slot (SYN mode)
  // Keeps a thread without its own feeder running until discovery ends.
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>>
      guard;
  bool waiting_for_slot = false;
  bool exhausted = false;
};

ScanEngine::ScanEngine(EngineOptions options, const AdvisoryDb& db,
                       std::shared_ptr<TlsClientContexts> tls)
    : options_(std::move(options)), db_(db), tls_(std::move(tls)) {}

ScanEngine::~ScanEngine() = default;

// Raises the open-file limit and keeps concurrency below it, so a large
// --concurrency degrades to "slower" instead of failing probes.
void ScanEngine::FitToSystem() {
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return;
  if (lim.rlim_cur < lim.rlim_max) {
    lim.rlim_cur = lim.rlim_max;
    setrlimit(RLIMIT_NOFILE, &lim);
    getrlimit(RLIMIT_NOFILE, &lim);
  }
  size_t usable =
      lim.rlim_cur > kReservedFds * 2 ? lim.rlim_cur - kReservedFds : 64;
  if (options_.concurrency > usable) {
    notes_.push_back(
        fmt::format("--concurrency {} exceeds the open-file limit ({}); using "
                    "{} (raise it with ulimit -n)",
                    options_.concurrency, lim.rlim_cur, usable));
    options_.concurrency = usable;
  }
  options_.concurrency = std::max<size_t>(1, options_.concurrency);
  options_.threads = std::clamp(options_.threads, 1, 64);
}

void ScanEngine::MakeWorkers() {
  size_t threads = static_cast<size_t>(options_.threads);
  MutexLock lock(workers_mu_);
  for (size_t i = 0; i < threads; ++i) {
    size_t share = (options_.concurrency + threads - 1 - i) / threads;
    workers_.push_back(std::make_unique<Worker>(
        std::max<size_t>(1, share),
        options_.rate / static_cast<double>(threads), options_.probe));
  }
}

bool ScanEngine::IsTls(uint16_t port) const {
  return std::find(options_.tls_ports.begin(), options_.tls_ports.end(),
                   port) != options_.tls_ports.end();
}

void ScanEngine::Report(const ProbeTarget& t, const Finding* f) {
  sink_->OnDone(t, f);
  counters_.done.fetch_add(1, std::memory_order_relaxed);
}

// The probe of an open port (its state is allocated only now).
asio::awaitable<void> ScanEngine::ProbeOpen(Worker& w, const ProbeTarget& t,
                                            asio::ip::tcp::socket* socket) {
  ProbeEvidence ev;
  bool tls = IsTls(t.port);
  if (tls && !co_await w.tls_gate.Take()) {
    ev.reach = Reach::kCancelled;  // stopped while it waited
  } else {
    try {
      ev = co_await RunAmtProbe(t, tls ? tls_probe_ : plain_probe_, tls_.get(),
                                &w.registry, socket);
    } catch (const std::exception&) {
      ev.reach = Reach::kOpen;
      ev.error = "internal";
    }
    if (tls) w.tls_gate.Give();
  }
  if (ev.reach == Reach::kCancelled) {
    counters_.cancelled.fetch_add(1, std::memory_order_relaxed);
  } else if (ev.reach == Reach::kOpen) {
    Finding f = DecideFinding(t, ev, db_, options_.probe.passive);
    counters_.open.fetch_add(1, std::memory_order_relaxed);
    if (f.amt) counters_.amt.fetch_add(1, std::memory_order_relaxed);
    if (f.verdict == ScanVerdict::kVulnerable) {
      counters_.vulnerable.fetch_add(1, std::memory_order_relaxed);
    }
    Report(t, &f);
  } else {
    Report(t, nullptr);
  }
}

// One target: in a connect scan first the cheap connect (most targets end
// there), then the probe; then the next queued open port, if any.
asio::awaitable<void> ScanEngine::RunOne(Worker& w, ProbeTarget t) {
  counters_.started.fetch_add(1, std::memory_order_relaxed);
  asio::ip::tcp::socket socket(w.ctx);
  Reach reach = Reach::kOpen;
  if (options_.discovery == Discovery::kConnect) {
    reach = co_await w.connector.Connect(socket, t);
  }
  if (reach == Reach::kOpen) {
    co_await ProbeOpen(w, t, &socket);
  } else if (reach == Reach::kCancelled) {
    counters_.cancelled.fetch_add(1, std::memory_order_relaxed);
  } else {
    Report(t, nullptr);
  }
  --w.inflight;
  if (options_.discovery == Discovery::kSyn) {
    backlog_.fetch_sub(1, std::memory_order_relaxed);
  }
  if (!w.queue.empty() && stop_requests_.load() == 0) {
    ProbeTarget next = w.queue.front();
    w.queue.pop_front();
    ++w.inflight;
    asio::co_spawn(w.ctx, RunOne(w, next), [](const std::exception_ptr&) {});
  }
  if (w.waiting_for_slot) w.wake.cancel();
  if (w.inflight == 0 && stop_requests_.load() > 0) w.grace.cancel();
}

// On w's thread: start the probe now, or queue it until a slot frees.
void ScanEngine::Enqueue(Worker& w, const ProbeTarget& t) {
  if (stop_requests_.load() > 0) {
    counters_.cancelled.fetch_add(1, std::memory_order_relaxed);
    backlog_.fetch_sub(1, std::memory_order_relaxed);
    return;
  }
  if (w.inflight >= w.max_inflight) {
    w.queue.push_back(t);
    return;
  }
  ++w.inflight;
  asio::co_spawn(w.ctx, RunOne(w, t), [](const std::exception_ptr&) {});
}

// Connect discovery: this thread takes targets at its share of the rate and
// probes each with a socket.
asio::awaitable<void> ScanEngine::FeedConnect(Worker& w, TargetSource& source) {
  while (stop_requests_.load(std::memory_order_relaxed) == 0) {
    if (w.inflight >= w.max_inflight) {
      w.waiting_for_slot = true;
      co_await Sleep(w.wake, Clock::time_point::max());
      w.waiting_for_slot = false;
      continue;
    }
    uint64_t n = w.limiter.Take(w.max_inflight - w.inflight, Clock::now());
    if (n == 0) {
      co_await Sleep(w.wake, w.limiter.NextAvailable(Clock::now()));
      continue;
    }
    for (uint64_t i = 0; i < n; ++i) {
      ProbeTarget t;
      if (!source.Next(&t)) {
        w.exhausted = true;
        co_return;
      }
      ++w.inflight;
      asio::co_spawn(w.ctx, RunOne(w, std::move(t)),
                     [](const std::exception_ptr&) {});
    }
  }
}

// SYN discovery on its own thread; open ports are dealt round-robin to the
// probe threads.
asio::awaitable<void> ScanEngine::FeedSyn(SynDiscovery& syn,
                                          TargetSource& source) {
  co_await syn.Run(source);
  uint64_t left = syn.TakePending().size();
  counters_.cancelled.fetch_add(left, std::memory_order_relaxed);
  counters_.syns.store(syn.syns_sent(), std::memory_order_relaxed);
  for (auto& w : workers_) {
    w->exhausted = left == 0 && stop_requests_.load() == 0;
    w->guard.reset();
  }
}

std::optional<SynDiscovery> ScanEngine::OpenSyn(Status* error) {
  auto socket = SynSocket::Open();
  if (!socket.ok()) {
    *error = socket.status();
    return std::nullopt;
  }
  SynDiscoverySettings s;
  s.rate = options_.rate;
  s.timeout = options_.syn_timeout;
  s.retries = options_.probe.retries;
  SynDiscoveryHooks hooks;
  auto next = std::make_shared<size_t>(0);
  hooks.probe = [this, next](const ProbeTarget& t) {
    backlog_.fetch_add(1, std::memory_order_relaxed);
    Worker* w = workers_[(*next)++ % workers_.size()].get();
    asio::post(w->ctx, [this, w, t] { Enqueue(*w, t); });
  };
  hooks.done = [this](const ProbeTarget& t, Reach) {
    counters_.started.fetch_add(1, std::memory_order_relaxed);
    Report(t, nullptr);
  };
  // Open ports wait in the probe queues at ~100 bytes each; pausing the
  // SYNs as soon as the probe slots are full would stall discovery behind
  // the slow TLS probes, so only a truly long queue holds it back.
  hooks.backlogged = [this] {
    return backlog_.load(std::memory_order_relaxed) >
           options_.concurrency + kMaxQueuedOpenPorts;
  };
  hooks.stopping = [this] { return stop_requests_.load() > 0; };
  return std::optional<SynDiscovery>(std::in_place, std::move(*socket), s,
                                     std::move(hooks));
}

namespace {

// Re-arms itself by value: it refers only to the engine and to a signal_set
// that outlives the signal thread, so any number of signals is safe.
struct StopOnSignal {
  ScanEngine* engine;
  asio::signal_set* signals;
  void operator()(const boost::system::error_code& ec, int /*signal*/) const {
    if (ec) return;
    engine->Stop();
    signals->async_wait(*this);
  }
};

}  // namespace

void ScanEngine::RunThreads() {
  asio::io_context signal_ctx(1);
  asio::signal_set signals(signal_ctx);
  std::thread signal_thread;
  if (options_.handle_signals) {
    signals.add(SIGINT);
    signals.add(SIGTERM);
    signals.async_wait(StopOnSignal{this, &signals});
    signal_thread = std::thread([&signal_ctx] { signal_ctx.run(); });
  }
  // In a SYN scan the probe threads yield to discovery (nice +5): SYNs then
  // leave on time and the silent targets' timeouts overlap the probing
  // instead of trailing it (0.4 s of 4 s on the bench rig).
  bool yield = options_.discovery == Discovery::kSyn;
  std::vector<std::thread> pool;
  for (auto& wp : workers_) {
    pool.emplace_back([w = wp.get(), yield] {
      if (yield) setpriority(PRIO_PROCESS, 0, kProbeThreadNice);  // this thread
      w->ctx.run();
    });
  }
  for (auto& t : pool) t.join();
  if (signal_thread.joinable()) {
    signal_ctx.stop();
    signal_thread.join();
  }
}

Status ScanEngine::Run(TargetSource& source, ResultSink& sink) {
  FitToSystem();
  sink_ = &sink;
  plain_probe_ = tls_probe_ = options_.probe;
  plain_probe_.tls = false;
  tls_probe_.tls = true;
  MakeWorkers();
  // Declared first so it outlives `syn`, whose raw-socket descriptor is
  // registered with it.
  asio::io_context syn_ctx(1);
  std::optional<SynDiscovery> syn;
  Status syn_error;
  if (options_.discovery != Discovery::kConnect) syn = OpenSyn(&syn_error);
  // Asked for SYN explicitly: fail; auto falls back to connect silently, as
  // nmap does without privileges.
  if (!syn && options_.discovery == Discovery::kSyn) return syn_error;
  options_.discovery = syn ? Discovery::kSyn : Discovery::kConnect;
  // SYN discovery gets a thread of its own: sharing one with TLS probes
  // slowed the SYNs to a fifth of the asked rate on the bench rig.
  std::thread syn_thread;
  if (syn) {
    for (auto& w : workers_) w->guard.emplace(w->ctx.get_executor());
    asio::co_spawn(syn_ctx, FeedSyn(*syn, source),
                   [](const std::exception_ptr&) {});
    syn_thread = std::thread([&syn_ctx] {
      setpriority(PRIO_PROCESS, 0, kSynThreadNice);  // EPERM: stays at 0
      syn_ctx.run();
    });
  } else {
    for (auto& w : workers_) {
      asio::co_spawn(w->ctx, FeedConnect(*w, source),
                     [](const std::exception_ptr&) {});
    }
  }
  RunThreads();
  if (syn_thread.joinable()) syn_thread.join();
  bool complete = std::all_of(workers_.begin(), workers_.end(),
                              [](const auto& w) { return w->exhausted; }) &&
                  counters_.cancelled.load() == 0;
  if (stop_requests_.load() > 0 && !complete) {
    return Status::Interrupted(
        "scan interrupted",
        "results so far were written; continue with --resume");
  }
  return Status::Ok();
}

void ScanEngine::Stop() {
  int n = stop_requests_.fetch_add(1) + 1;
  MutexLock lock(workers_mu_);
  for (auto& wp : workers_) {
    Worker* w = wp.get();
    asio::post(w->ctx, [this, w, n] {
      w->wake.cancel();
      counters_.cancelled.fetch_add(w->queue.size(), std::memory_order_relaxed);
      w->queue.clear();
      w->connector.CancelAll();  // nothing answered yet: nothing to wait for
      w->tls_gate.Close();       // nor has a probe waiting for a TLS slot
      if (n > 1 || w->inflight == 0) {
        w->registry.CancelAll();
        w->grace.cancel();
        return;
      }
      w->grace.expires_after(options_.stop_grace);
      w->grace.async_wait([w](const boost::system::error_code& ec) {
        if (!ec) w->registry.CancelAll();
      });
    });
  }
}

}  // namespace amtscope
