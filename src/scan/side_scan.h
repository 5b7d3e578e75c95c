// SideScan: what a scan does beyond the TCP web probes (issue 15, docs/
// scan.md "Protocols"): the RMCP ping on its own thread, and the
// redirection probe of every address found to be AMT, on another, as soon
// as it is found. An AMT record waits only until its address's redirection
// probe is done, so each carries `redirection`.
#ifndef AMTSCOPE_SCAN_SIDE_SCAN_H_
#define AMTSCOPE_SCAN_SIDE_SCAN_H_

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "advisory/advisory_db.h"
#include "core/mutex.h"
#include "net/permutation.h"
#include "net/target_space.h"
#include "scan/order_source.h"
#include "scan/redirection_probe.h"
#include "scan/rmcp_ping.h"
#include "scan/writer_sink.h"

namespace amtscope {

struct SideScanSettings {
  std::vector<uint16_t> udp_ports;  // empty: no RMCP ping
  RmcpPingSettings ping;
  bool redirection = true;  // probe 16994/16995 of AMT addresses
  RedirectionProbeSettings redirection_probe;
  uint64_t seed = 0;
  Shard shard;
};

/// The engine's ResultSink for a scan with side channels: non-AMT results
/// pass straight to `out`; AMT ones wait for Finish(). Thread-safe.
class SideScan : public ResultSink {
 public:
  SideScan(WriterSink& out, const AdvisoryDb& db, const TargetSpace& space,
           SideScanSettings settings);
  ~SideScan() override;

  /// Starts the RMCP ping of every address on its own thread, and the
  /// redirection prober, which probes each AMT address as soon as it is
  /// found (beside the TCP scan, not after it).
  void Start(TlsClientContexts& tls);
  /// The engine's results (ResultSink).
  void OnDone(const ProbeTarget& target, const Finding* finding) override;
  /// Stops the ping soon (the scan was interrupted).
  void Stop() { stop_.store(true); }
  /// Waits for the ping, probes the AMT addresses' redirection ports
  /// (unless stopped), then writes the held records and the redirection
  /// ports' own records. Returns the ping's error, if it had one.
  Status Finish();
  uint64_t pings_sent() const { return pinger_.sent(); }

 private:
  void OnPong(const RmcpReply& reply);
  void Hold(const ProbeTarget* target, const Finding& finding);
  void ProbeLater(const std::string& ip);   // on any thread
  void Pump();                              // on the prober's thread
  void AddressDone(const std::string& ip);  // on the prober's thread
  /// Writes a held record; `reachable` is the address's redirection result.
  void Emit(const ProbeTarget& target, Finding& f,
            std::optional<bool> reachable, bool probed);

  WriterSink& out_;
  const AdvisoryDb& db_;
  SideScanSettings settings_;
  ScanOrder udp_order_;
  OrderSource udp_source_;
  RmcpPinger pinger_;
  std::thread ping_thread_;
  Status ping_status_;
  std::atomic<bool> stop_{false};
  Mutex mu_;
  // (target, finding); target.port == 0 marks a UDP finding (no position).
  std::vector<std::pair<ProbeTarget, Finding>> held_ GUARDED_BY(mu_);
  // Per address handed to the prober: its redirection result once done.
  std::map<std::string, std::optional<bool>> redir_state_ GUARDED_BY(mu_);
  std::map<std::string, std::string> provisioning_ GUARDED_BY(mu_);
  // The redirection prober: its own io_context and thread. `redir_` grows
  // only on that thread (std::deque: references stay valid) and is read
  // after it is joined.
  TlsClientContexts* tls_ = nullptr;
  std::unique_ptr<boost::asio::io_context> redir_ctx_;
  std::optional<
      boost::asio::executor_work_guard<boost::asio::io_context::executor_type>>
      redir_guard_;
  std::thread redir_thread_;
  std::deque<RedirectionResult> redir_;
  std::deque<RedirectionResult*> redir_queue_;
  std::map<std::string, std::vector<RedirectionResult*>> redir_by_ip_;
  std::map<std::string, int> redir_left_;  // ports still being probed
  size_t redir_inflight_ = 0;
};

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_SIDE_SCAN_H_
