// SynTracker: the SYNs in flight during discovery and what their replies mean.
#ifndef AMTSCOPE_SCAN_SYN_TRACKER_H_
#define AMTSCOPE_SCAN_SYN_TRACKER_H_

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <queue>
#include <unordered_map>
#include <vector>

#include "scan/amt_probe.h"
#include "scan/rtt_estimator.h"

namespace amtscope {

/// Pending SYNs keyed by (IPv4 address, port). Replies are validated by
/// cookie before they get here; the table only turns "answered / not
/// answered in time" into open, closed, retry or filtered. A SYN with a
/// retry left waits an adaptive retransmission timeout (srtt + 4 rttvar of
/// first-attempt replies, RFC 6298 style, within [100 ms, timeout]); the
/// last SYN always waits the full timeout before the target counts as
/// filtered, so a slow host is retried early but never given up early.
/// Last-attempt waits all last the full timeout, so they expire in FIFO
/// order; retry waits vary with the RTO and sit in a min-heap, so an early
/// SYN's long wait (sent before any RTT sample) never holds up the shorter
/// ones behind it. Single-threaded.
class SynTracker {
 public:
  using Clock = std::chrono::steady_clock;
  enum class Answer : uint8_t { kOpen, kClosed };
  struct Reply {
    ProbeTarget target;
    Answer answer;
  };

  /// The last SYN waits `timeout`; an unanswered target is sent `retries`
  /// more SYNs before it counts as filtered.
  SynTracker(std::chrono::milliseconds timeout, int retries);

  /// False (and nothing recorded) when a SYN to the same ip:port is already
  /// pending, so one target's result can never be credited to another.
  bool OnSent(const ProbeTarget& target, uint32_t ip, Clock::time_point now);
  /// Records a retransmission of a target Expire() handed back.
  void OnResent(const ProbeTarget& target, uint32_t ip, Clock::time_point now);
  /// A SYN-ACK (open) or RST (closed) from ip:port, received at `now`.
  /// nullopt for late or duplicate replies (nothing pending there any more).
  std::optional<Reply> OnReply(uint32_t ip, uint16_t port, uint8_t flags,
                               Clock::time_point now = Clock::now());
  /// The current wait before a retry (the full timeout until enough
  /// replies were timed).
  std::chrono::milliseconds RetryTimeout() const;
  /// Forgets the pending SYN to ip:port (it could not be sent); true when
  /// one was pending. Unlike a reply, this says nothing about round trips.
  bool Remove(uint32_t ip, uint16_t port) {
    return pending_.erase(Key(ip, port)) > 0;
  }
  /// SYNs whose wait ended by `now`: targets with attempts left go to
  /// `resend` (still pending; call OnResent), the rest to `filtered`.
  void Expire(Clock::time_point now, std::vector<ProbeTarget>* resend,
              std::vector<ProbeTarget>* filtered);
  /// When the oldest wait ends (time_point::max() when none).
  Clock::time_point NextExpiry() const;
  /// Removes and returns every pending target (shutdown).
  std::vector<ProbeTarget> TakeAll();
  size_t size() const { return pending_.size(); }
  /// SYNs sent in all (first attempts and retries).
  uint64_t syns_sent() const { return syns_sent_; }

 private:
  // 16 bytes: the address and port are the key, so a /16 with both ports
  // pending costs ~5 MB, not the ~13 MB whole ProbeTargets would.
  struct Entry {
    uint64_t position = 0;
    uint32_t sent_ms = 0;   // last SYN, ms since epoch_
    uint32_t attempts = 0;  // SYNs sent so far
  };
  struct Wait {
    Clock::time_point until;
    uint64_t key;
    uint32_t attempt;
  };
  struct LaterFirst {  // makes std::priority_queue a min-heap on `until`
    bool operator()(const Wait& a, const Wait& b) const {
      return a.until > b.until;
    }
  };
  using RetryHeap = std::priority_queue<Wait, std::vector<Wait>, LaterFirst>;
  static uint64_t Key(uint32_t ip, uint16_t port) {
    return (static_cast<uint64_t>(ip) << 16) | port;
  }
  static ProbeTarget TargetOf(uint64_t key, const Entry& e);

  std::chrono::milliseconds timeout_;
  uint32_t retries_;
  void StartWait(uint64_t key, const Entry& e, Clock::time_point now);
  template <typename Queue>
  void ExpireQueue(Queue& q, Clock::time_point now,
                   std::vector<ProbeTarget>* resend,
                   std::vector<ProbeTarget>* filtered);

  std::unordered_map<uint64_t, Entry> pending_;
  RetryHeap retry_waits_;                   // attempts with a retry left
  std::deque<Wait> final_waits_;            // last attempts: full timeout
  std::optional<Clock::time_point> epoch_;  // the first SYN
  RttEstimator rtt_;
  uint64_t syns_sent_ = 0;
};

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_SYN_TRACKER_H_
