// ScanEngine: asynchronous scheduler that runs AMT probes at a set rate.
#ifndef AMTSCOPE_SCAN_ENGINE_H_
#define AMTSCOPE_SCAN_ENGINE_H_

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "advisory/advisory_db.h"
#include "core/mutex.h"
#include "core/status.h"
#include "model/finding.h"
#include "net/tls_client.h"
#include "scan/amt_probe.h"
#include "scan/syn_discovery.h"

namespace amtscope {

/// Hands out targets in scan order. Thread-safe.
class TargetSource {
 public:
  virtual ~TargetSource() = default;
  /// The next target, or false when there are no more.
  virtual bool Next(ProbeTarget* out) = 0;
};

/// Receives every completed target. Called from engine threads, one call
/// at a time per thread; implementations serialize (one writer).
class ResultSink {
 public:
  virtual ~ResultSink() = default;
  /// `target` was probed to completion; `finding` is null when the port was
  /// closed, filtered or unreachable. Cancelled probes are never reported
  /// (a resumed scan probes them again).
  virtual void OnDone(const ProbeTarget& target, const Finding* finding) = 0;
};

/// How open ports are found before they are probed.
enum class Discovery : uint8_t {
  kConnect,  // a connect() per target (any user; IPv6)
  kSyn,      // stateless raw SYNs first (CAP_NET_RAW; IPv4), then connect
  kAuto,     // kSyn when a raw socket can be opened, else kConnect
};

/// How the engine schedules probes.
struct EngineOptions {
  Discovery discovery = Discovery::kConnect;
  std::chrono::milliseconds syn_timeout{1000};  // SYN discovery's wait
  ProbeSettings probe;        // per-probe timeouts, retries, passive
  double rate = 0;            // new targets per second; <= 0: unlimited
  size_t concurrency = 1000;  // connection probes in flight (all threads)
  int threads = 2;            // one io_context per thread
  std::vector<uint16_t> tls_ports = {16993, 664};
  std::chrono::milliseconds stop_grace{1500};  // in-flight time after a stop
  bool handle_signals = false;                 // SIGINT/SIGTERM → Stop()
};

/// Live totals, readable from any thread (progress line).
struct EngineCounters {
  std::atomic<uint64_t> started{0};
  std::atomic<uint64_t> done{0};
  std::atomic<uint64_t> open{0};
  std::atomic<uint64_t> amt{0};
  std::atomic<uint64_t> vulnerable{0};
  std::atomic<uint64_t> cancelled{0};
  std::atomic<uint64_t> syns{0};  // SYNs sent (SYN discovery)
};

/// Runs probes: one io_context per thread, each with its share of the
/// concurrency, so threads never contend except on the TargetSource and the
/// ResultSink. Connect discovery: every thread feeds itself at its share of
/// the rate. SYN discovery: a thread of its own sends SYNs at the whole rate
/// and deals the open ports out to every thread's probe queue.
class ScanEngine {
 public:
  ScanEngine(EngineOptions options, const AdvisoryDb& db,
             std::shared_ptr<TlsClientContexts> tls);
  ~ScanEngine();
  ScanEngine(const ScanEngine&) = delete;
  ScanEngine& operator=(const ScanEngine&) = delete;

  /// Probes every target of `source` (or until Stop()); OK when complete,
  /// Interrupted when stopped (results so far were delivered to `sink`).
  Status Run(TargetSource& source, ResultSink& sink);
  /// Thread-safe: stop issuing probes; those in flight get `stop_grace`,
  /// then are cancelled. A second call cancels them at once.
  void Stop();

  const EngineCounters& counters() const { return counters_; }
  /// Adjustments made to fit the system (e.g. concurrency above the fd limit).
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  struct Worker;
  void FitToSystem();
  void MakeWorkers();
  bool IsTls(uint16_t port) const;
  boost::asio::awaitable<void> RunOne(Worker& w, ProbeTarget t);
  boost::asio::awaitable<void> ProbeOpen(Worker& w, const ProbeTarget& t,
                                         boost::asio::ip::tcp::socket* socket);
  void Enqueue(Worker& w, const ProbeTarget& t);
  void Report(const ProbeTarget& t, const Finding* f);
  boost::asio::awaitable<void> FeedConnect(Worker& w, TargetSource& source);
  boost::asio::awaitable<void> FeedSyn(SynDiscovery& syn, TargetSource& source);
  std::optional<SynDiscovery> OpenSyn(Status* error);
  void RunThreads();

  EngineOptions options_;
  const AdvisoryDb& db_;
  ResultSink* sink_ = nullptr;
  ProbeSettings plain_probe_;  // referenced by running probes
  ProbeSettings tls_probe_;
  std::atomic<uint64_t> backlog_{0};  // queued + running probes (SYN mode)
  std::shared_ptr<TlsClientContexts> tls_;
  EngineCounters counters_;
  std::atomic<int> stop_requests_{0};
  // Orders worker creation against Stop() from a signal thread; the vector
  // is otherwise touched only by the thread running the scan, so it is not
  // GUARDED_BY (the analysis would flag every read of the running scan).
  Mutex workers_mu_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::string> notes_;
};

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_ENGINE_H_
