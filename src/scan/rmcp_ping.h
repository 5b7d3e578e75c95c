// RmcpPinger: the stateless RMCP/ASF presence ping on UDP (623 by default),
// paced by --rate, retried like SYNs, replies matched by source address,
// source port and the message tag (docs/protocol.md §2.12, docs/scan.md
// "Protocols"). An ordinary unprivileged UDP socket; runs on its own thread
// beside the TCP engine so it never slows the web probes.
#ifndef AMTSCOPE_SCAN_RMCP_PING_H_
#define AMTSCOPE_SCAN_RMCP_PING_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "amt/rmcp.h"
#include "core/status.h"
#include "scan/engine.h"

namespace amtscope {

struct RmcpPingSettings {
  double rate = 0;  // datagrams per second, retries included; <= 0 unlimited
  std::chrono::milliseconds timeout{
      1000};                   // the last send's wait; a retry
                               // waits an RTO of the pongs (<= this)
  int retries = 1;             // extra sends without a reply
  size_t max_pending = 65536;  // targets awaiting a reply
};

/// One target that answered.
struct RmcpReply {
  ProbeTarget target;
  RmcpPong pong;
  size_t bytes = 0;  // datagram size
  std::chrono::system_clock::time_point time;
};

class RmcpPinger {
 public:
  explicit RmcpPinger(RmcpPingSettings settings);
  /// Pings every target of `source` (address, UDP port); `on_reply` gets the
  /// first matching answer of each, from this thread. Returns when every
  /// target answered or ran out of retries, or soon after `stopping()`.
  /// IoError only when no UDP socket can be opened at all.
  Status Run(TargetSource& source,
             const std::function<void(const RmcpReply&)>& on_reply,
             const std::function<bool()>& stopping);
  uint64_t sent() const { return sent_.load(std::memory_order_relaxed); }

 private:
  RmcpPingSettings settings_;
  uint64_t tag_key_;  // per run: tags are not predictable by a third party
  std::atomic<uint64_t> sent_{0};
};

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_RMCP_PING_H_
