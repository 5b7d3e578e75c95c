// SynTracker: the SYNs in flight during discovery and what their replies mean.
#ifndef AMTSCOPE_SCAN_SYN_TRACKER_H_
#define AMTSCOPE_SCAN_SYN_TRACKER_H_

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <unordered_map>
#include <vector>

#include "scan/amt_probe.h"

namespace amtscope {

/// Pending SYNs keyed by (IPv4 address, port). Replies are validated by
/// cookie before they get here; the table only turns "answered / not
/// answered in time" into open, closed, retry or filtered. Timeouts are
/// FIFO, so expiry is a walk from the front of one queue. Single-threaded.
class SynTracker {
 public:
  using Clock = std::chrono::steady_clock;
  enum class Answer : uint8_t { kOpen, kClosed };
  struct Reply {
    ProbeTarget target;
    Answer answer;
  };

  /// Each SYN waits `timeout`; an unanswered target is sent `retries` more
  /// SYNs before it counts as filtered.
  SynTracker(std::chrono::milliseconds timeout, int retries);

  /// False (and nothing recorded) when a SYN to the same ip:port is already
  /// pending, so one target's result can never be credited to another.
  bool OnSent(const ProbeTarget& target, uint32_t ip, Clock::time_point now);
  /// Records a retransmission of a target Expire() handed back.
  void OnResent(const ProbeTarget& target, uint32_t ip, Clock::time_point now);
  /// A SYN-ACK (open) or RST (closed) from ip:port. nullopt for late or
  /// duplicate replies (nothing pending there any more).
  std::optional<Reply> OnReply(uint32_t ip, uint16_t port, uint8_t flags);
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
    uint32_t attempts = 0;  // SYNs sent so far
  };
  struct Wait {
    Clock::time_point until;
    uint64_t key;
    uint32_t attempt;
  };
  static uint64_t Key(uint32_t ip, uint16_t port) {
    return (static_cast<uint64_t>(ip) << 16) | port;
  }
  static ProbeTarget TargetOf(uint64_t key, const Entry& e);

  std::chrono::milliseconds timeout_;
  uint32_t retries_;
  std::unordered_map<uint64_t, Entry> pending_;
  std::deque<Wait> waits_;
  uint64_t syns_sent_ = 0;
};

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_SYN_TRACKER_H_
