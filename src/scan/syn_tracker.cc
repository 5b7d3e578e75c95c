#include "scan/syn_tracker.h"

#include <algorithm>

namespace amtscope {

SynTracker::SynTracker(std::chrono::milliseconds timeout, int retries)
    : timeout_(timeout), retries_(static_cast<uint32_t>(std::max(0, retries))) {
  pending_.max_load_factor(0.7f);
}

ProbeTarget SynTracker::TargetOf(uint64_t key, const Entry& e) {
  ProbeTarget t;
  t.address = boost::asio::ip::address_v4(static_cast<uint32_t>(key >> 16));
  t.port = static_cast<uint16_t>(key & 0xffff);
  t.position = e.position;
  return t;
}

bool SynTracker::OnSent(const ProbeTarget& target, uint32_t ip,
                        Clock::time_point now) {
  uint64_t key = Key(ip, target.port);
  auto [it, inserted] = pending_.try_emplace(key, Entry{target.position, 1});
  if (!inserted) return false;
  waits_.push_back({now + timeout_, key, 1});
  ++syns_sent_;
  return true;
}

void SynTracker::OnResent(const ProbeTarget& target, uint32_t ip,
                          Clock::time_point now) {
  uint64_t key = Key(ip, target.port);
  auto it = pending_.find(key);
  if (it == pending_.end()) return;
  waits_.push_back({now + timeout_, key, ++it->second.attempts});
  ++syns_sent_;
}

std::optional<SynTracker::Reply> SynTracker::OnReply(uint32_t ip, uint16_t port,
                                                     uint8_t flags) {
  auto it = pending_.find(Key(ip, port));
  if (it == pending_.end()) return std::nullopt;
  constexpr uint8_t kSyn = 0x02, kRst = 0x04, kAck = 0x10;
  Answer a;
  if ((flags & (kSyn | kAck)) == (kSyn | kAck) && (flags & kRst) == 0) {
    a = Answer::kOpen;
  } else if ((flags & kRst) != 0) {
    a = Answer::kClosed;
  } else {
    return std::nullopt;  // neither: not an answer to a SYN
  }
  Reply r{TargetOf(it->first, it->second), a};
  pending_.erase(it);
  return r;
}

void SynTracker::Expire(Clock::time_point now, std::vector<ProbeTarget>* resend,
                        std::vector<ProbeTarget>* filtered) {
  while (!waits_.empty() && waits_.front().until <= now) {
    Wait w = waits_.front();
    waits_.pop_front();
    auto it = pending_.find(w.key);
    // Answered meanwhile, or a newer SYN owns the wait.
    if (it == pending_.end() || it->second.attempts != w.attempt) continue;
    if (it->second.attempts <= retries_) {
      resend->push_back(TargetOf(it->first, it->second));
    } else {
      filtered->push_back(TargetOf(it->first, it->second));
      pending_.erase(it);
    }
  }
}

SynTracker::Clock::time_point SynTracker::NextExpiry() const {
  return waits_.empty() ? Clock::time_point::max() : waits_.front().until;
}

std::vector<ProbeTarget> SynTracker::TakeAll() {
  std::vector<ProbeTarget> all;
  all.reserve(pending_.size());
  for (auto& [key, e] : pending_) all.push_back(TargetOf(key, e));
  pending_.clear();
  waits_.clear();
  return all;
}

}  // namespace amtscope
