// RateLimiter: a token bucket for new connections per second.
#ifndef AMTSCOPE_NET_RATE_LIMITER_H_
#define AMTSCOPE_NET_RATE_LIMITER_H_

#include <chrono>
#include <cstdint>

namespace amtscope {

/// Token bucket on an explicit clock (tests pass times; the engine passes
/// steady_clock::now()). Not thread-safe: the engine keeps one per thread
/// with its share of the rate, so threads never contend.
class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  /// `rate` tokens per second (<= 0: unlimited); `burst` tokens at most
  /// (0: 1/100 s worth, at least 1), so a pause never causes a flood.
  RateLimiter(double rate, double burst, Clock::time_point now);

  /// Takes up to `want` tokens available at `now`; returns how many.
  uint64_t Take(uint64_t want, Clock::time_point now);
  /// When the next token will be available (now when unlimited).
  Clock::time_point NextAvailable(Clock::time_point now) const;
  bool unlimited() const { return rate_ <= 0; }

 private:
  void Refill(Clock::time_point now);

  double rate_;
  double burst_;
  double tokens_;
  Clock::time_point last_;
};

}  // namespace amtscope

#endif  // AMTSCOPE_NET_RATE_LIMITER_H_
