// SynDiscovery: the stateless first stage of a scan. Sends SYNs at the set
// rate, validates replies by cookie, and hands open ports to the probe stage
// (docs/scan-performance.md §1.8 point 1: a SYN stage feeding an L7 stage).
#ifndef AMTSCOPE_SCAN_SYN_DISCOVERY_H_
#define AMTSCOPE_SCAN_SYN_DISCOVERY_H_

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "net/rate_limiter.h"
#include "net/siphash.h"
#include "scan/amt_probe.h"
#include "scan/syn_socket.h"
#include "scan/syn_tracker.h"

namespace amtscope {

class TargetSource;

/// How the engine takes discovery's results. All calls come from the
/// discovery coroutine's thread.
struct SynDiscoveryHooks {
  /// Needs a connection probe: the port answered SYN-ACK, or the target
  /// cannot be SYN-scanned (IPv6, a duplicate ip:port in flight).
  std::function<void(const ProbeTarget&)> probe;
  /// Finished without an open port (kClosed, kFiltered or kUnreachable).
  std::function<void(const ProbeTarget&, Reach)> done;
  /// True while the probe stage has enough queued: send no new SYNs.
  std::function<bool()> backlogged;
  /// True once the scan is being stopped.
  std::function<bool()> stopping;
};

/// Pace and patience of the SYN stage.
struct SynDiscoverySettings {
  double rate = 0;  // SYNs per second (first attempts); <= 0: unlimited
  std::chrono::milliseconds timeout{1000};  // wait for a reply to one SYN
  int retries = 1;                          // SYNs more when none came
};

/// One discovery pass over a TargetSource on one io_context thread.
class SynDiscovery {
 public:
  SynDiscovery(SynSocket socket, SynDiscoverySettings settings,
               SynDiscoveryHooks hooks);

  /// Sends a SYN to every target of `source` and resolves each (open,
  /// closed, filtered, unreachable); returns when all are resolved or
  /// hooks.stopping() turns true (then TakePending() has the rest).
  boost::asio::awaitable<void> Run(TargetSource& source);
  /// Targets still unresolved after a stop (never reported to the hooks).
  std::vector<ProbeTarget> TakePending() { return tracker_.TakeAll(); }
  uint64_t syns_sent() const { return tracker_.syns_sent(); }

 private:
  using Clock = std::chrono::steady_clock;
  boost::asio::awaitable<void> ReceiveLoop();
  void HandlePacket(std::span<const uint8_t> packet);
  void Queue(const ProbeTarget& t, bool first, Clock::time_point now);
  void Flush();
  void ExpireDue(Clock::time_point now);
  size_t FillFromSource(TargetSource& source, Clock::time_point now);

  SynSocket socket_;
  SynDiscoverySettings settings_;
  SynDiscoveryHooks hooks_;
  SynTracker tracker_;
  RateLimiter limiter_;
  SipKey key_;
  std::vector<OutgoingSyn> out_;
  std::vector<ProbeTarget> out_targets_;
  // Readiness of the raw socket; cancelled when Run() ends. The object must
  // outlive the io_context run (the receive loop finishes after Run()).
  std::unique_ptr<boost::asio::posix::stream_descriptor> rx_;
  bool finished_ = false;
  bool exhausted_ = false;
  bool send_blocked_ = false;  // the kernel's buffer was full: back off
};

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_SYN_DISCOVERY_H_
