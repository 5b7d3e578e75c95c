#include "scan/syn_tracker.h"

#include <algorithm>
#include <cmath>

#include "net/tcp_segment.h"

namespace amtscope {
namespace {

// The earliest wait of either queue kind.
template <typename Queue>
const auto& Earliest(const Queue& q) {
  if constexpr (requires { q.top(); }) {
    return q.top();
  } else {
    return q.front();
  }
}
template <typename Queue>
void PopEarliest(Queue& q) {
  if constexpr (requires { q.top(); }) {
    q.pop();
  } else {
    q.pop_front();
  }
}

}  // namespace

SynTracker::SynTracker(std::chrono::milliseconds timeout, int retries)
    : timeout_(timeout),
      retries_(static_cast<uint32_t>(std::max(0, retries))),
      rtt_(timeout) {
  pending_.max_load_factor(0.7f);
}

ProbeTarget SynTracker::TargetOf(uint64_t key, const Entry& e) {
  ProbeTarget t;
  t.address = boost::asio::ip::address_v4(static_cast<uint32_t>(key >> 16));
  t.port = static_cast<uint16_t>(key & 0xffff);
  t.position = e.position;
  return t;
}

std::chrono::milliseconds SynTracker::RetryTimeout() const {
  return rtt_.RetryTimeout();
}

void SynTracker::StartWait(uint64_t key, const Entry& e,
                           Clock::time_point now) {
  if (e.attempts <= retries_) {
    retry_waits_.push({now + RetryTimeout(), key, e.attempts});
  } else {
    final_waits_.push_back({now + timeout_, key, e.attempts});
  }
  ++syns_sent_;
}

bool SynTracker::OnSent(const ProbeTarget& target, uint32_t ip,
                        Clock::time_point now) {
  uint64_t key = Key(ip, target.port);
  if (!epoch_) epoch_ = now;
  uint32_t ms = static_cast<uint32_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(now - *epoch_)
          .count());
  auto [it, inserted] =
      pending_.try_emplace(key, Entry{target.position, ms, 1});
  if (!inserted) return false;
  StartWait(key, it->second, now);
  return true;
}

void SynTracker::OnResent(const ProbeTarget& target, uint32_t ip,
                          Clock::time_point now) {
  auto it = pending_.find(Key(ip, target.port));
  if (it == pending_.end()) return;
  ++it->second.attempts;
  StartWait(it->first, it->second, now);
}

std::optional<SynTracker::Reply> SynTracker::OnReply(uint32_t ip, uint16_t port,
                                                     uint8_t flags,
                                                     Clock::time_point now) {
  auto it = pending_.find(Key(ip, port));
  if (it == pending_.end()) return std::nullopt;
  Answer a;
  if ((flags & (kTcpSyn | kTcpAck)) == (kTcpSyn | kTcpAck) &&
      (flags & kTcpRst) == 0) {
    a = Answer::kOpen;
  } else if ((flags & kTcpRst) != 0) {
    a = Answer::kClosed;
  } else {
    return std::nullopt;  // neither: not an answer to a SYN
  }
  // Karn: a reply to a retransmitted SYN says nothing about the RTT.
  if (it->second.attempts == 1 && epoch_) {
    auto ms = std::chrono::duration<double, std::milli>(now - *epoch_).count();
    rtt_.Sample(std::max(0.0, ms - it->second.sent_ms));
  }
  Reply r{TargetOf(it->first, it->second), a};
  pending_.erase(it);
  return r;
}

template <typename Queue>
void SynTracker::ExpireQueue(Queue& q, Clock::time_point now,
                             std::vector<ProbeTarget>* resend,
                             std::vector<ProbeTarget>* filtered) {
  while (!q.empty()) {
    const Wait w = Earliest(q);
    auto it = pending_.find(w.key);
    // Answered meanwhile, or a newer SYN owns the wait: drop it even if its
    // time has not come, so it cannot hold up shorter waits behind it.
    bool stale = it == pending_.end() || it->second.attempts != w.attempt;
    if (!stale && w.until > now) break;
    PopEarliest(q);
    if (stale) continue;
    if (it->second.attempts <= retries_) {
      resend->push_back(TargetOf(it->first, it->second));
    } else {
      filtered->push_back(TargetOf(it->first, it->second));
      pending_.erase(it);
    }
  }
}

void SynTracker::Expire(Clock::time_point now, std::vector<ProbeTarget>* resend,
                        std::vector<ProbeTarget>* filtered) {
  ExpireQueue(retry_waits_, now, resend, filtered);
  ExpireQueue(final_waits_, now, resend, filtered);
}

SynTracker::Clock::time_point SynTracker::NextExpiry() const {
  auto front = [](const auto& q) {
    return q.empty() ? Clock::time_point::max() : Earliest(q).until;
  };
  return std::min(front(retry_waits_), front(final_waits_));
}

std::vector<ProbeTarget> SynTracker::TakeAll() {
  std::vector<ProbeTarget> all;
  all.reserve(pending_.size());
  for (auto& [key, e] : pending_) all.push_back(TargetOf(key, e));
  pending_.clear();
  retry_waits_ = RetryHeap();
  final_waits_.clear();
  return all;
}

}  // namespace amtscope
