#include "net/rate_limiter.h"

#include <gtest/gtest.h>

namespace amtscope {
namespace {

using Clock = RateLimiter::Clock;
using std::chrono::milliseconds;

TEST(RateLimiter, PacesToTheRate) {
  Clock::time_point t0{};
  RateLimiter r(1000, 10, t0);  // 1000/s, burst 10
  uint64_t taken = 0;
  for (int ms = 0; ms <= 1000; ++ms)
    taken += r.Take(1000, t0 + milliseconds(ms));
  EXPECT_GE(taken, 995u);
  EXPECT_LE(taken, 1011u);  // the rate plus at most one burst
}

TEST(RateLimiter, BurstCapsAfterAPause) {
  Clock::time_point t0{};
  RateLimiter r(1000, 10, t0);
  EXPECT_LE(r.Take(100000, t0 + std::chrono::seconds(60)), 10u);
}

TEST(RateLimiter, NextAvailableIsInTheFuture) {
  Clock::time_point t0{};
  RateLimiter r(100, 1, t0);
  r.Take(1, t0 + milliseconds(50));
  Clock::time_point next = r.NextAvailable(t0 + milliseconds(50));
  EXPECT_GT(next, t0 + milliseconds(50));
  EXPECT_LE(next, t0 + milliseconds(61));
  EXPECT_EQ(r.Take(1, next), 1u);
}

TEST(RateLimiter, UnlimitedGivesEverything) {
  RateLimiter r(0, 0, Clock::now());
  EXPECT_TRUE(r.unlimited());
  EXPECT_EQ(r.Take(12345, Clock::now()), 12345u);
}

}  // namespace
}  // namespace amtscope
