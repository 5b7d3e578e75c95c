#include "net/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace amtscope {

RateLimiter::RateLimiter(double rate, double burst, Clock::time_point now)
    : rate_(rate),
      burst_(burst > 0 ? burst : std::max(1.0, rate / 100.0)),
      tokens_(std::min(1.0, burst_)),
      last_(now) {}

void RateLimiter::Refill(Clock::time_point now) {
  if (now <= last_) return;
  double elapsed = std::chrono::duration<double>(now - last_).count();
  tokens_ = std::min(burst_, tokens_ + elapsed * rate_);
  last_ = now;
}

uint64_t RateLimiter::Take(uint64_t want, Clock::time_point now) {
  if (unlimited()) return want;
  Refill(now);
  auto whole = static_cast<uint64_t>(std::floor(tokens_));
  uint64_t n = std::min(want, whole);
  tokens_ -= static_cast<double>(n);
  return n;
}

RateLimiter::Clock::time_point RateLimiter::NextAvailable(
    Clock::time_point now) const {
  if (unlimited()) return now;
  double tokens = tokens_;
  if (now > last_) {
    tokens = std::min(
        burst_,
        tokens + std::chrono::duration<double>(now - last_).count() * rate_);
  }
  if (tokens >= 1.0) return now;
  auto wait = std::chrono::duration<double>((1.0 - tokens) / rate_);
  return now + std::chrono::duration_cast<Clock::duration>(wait) +
         std::chrono::microseconds(1);
}

}  // namespace amtscope
