#include "scan/syn_tracker.h"

#include <gtest/gtest.h>

namespace amtscope {
namespace {

using namespace std::chrono_literals;
using Clock = SynTracker::Clock;

ProbeTarget Target(uint32_t ip, uint16_t port, uint64_t pos) {
  ProbeTarget t;
  t.address = boost::asio::ip::address_v4(ip);
  t.port = port;
  t.position = pos;
  return t;
}

constexpr uint8_t kSynAck = 0x12, kRstAck = 0x14, kSyn = 0x02;

TEST(SynTracker, SynAckIsOpenRstIsClosedAndEachCountsOnce) {
  SynTracker t(1000ms, 1);
  Clock::time_point now{};
  ASSERT_TRUE(t.OnSent(Target(10, 16992, 0), 10, now));
  ASSERT_TRUE(t.OnSent(Target(11, 16992, 1), 11, now));
  auto open = t.OnReply(10, 16992, kSynAck);
  ASSERT_TRUE(open.has_value());
  EXPECT_EQ(open->answer, SynTracker::Answer::kOpen);
  EXPECT_EQ(open->target.position, 0u);
  EXPECT_FALSE(t.OnReply(10, 16992, kSynAck).has_value());  // duplicate
  auto closed = t.OnReply(11, 16992, kRstAck);
  ASSERT_TRUE(closed.has_value());
  EXPECT_EQ(closed->answer, SynTracker::Answer::kClosed);
  EXPECT_EQ(t.size(), 0u);
}

TEST(SynTracker, IgnoresRepliesThatAnswerNothing) {
  SynTracker t(1000ms, 0);
  ASSERT_TRUE(t.OnSent(Target(10, 16992, 0), 10, Clock::time_point{}));
  EXPECT_FALSE(t.OnReply(10, 16993, kSynAck).has_value());  // other port
  EXPECT_FALSE(t.OnReply(12, 16992, kSynAck).has_value());  // other host
  EXPECT_FALSE(t.OnReply(10, 16992, kSyn).has_value());     // a bare SYN
  EXPECT_EQ(t.size(), 1u);
}

TEST(SynTracker, RefusesASecondPendingSynToTheSameTarget) {
  SynTracker t(1000ms, 0);
  EXPECT_TRUE(t.OnSent(Target(10, 16992, 0), 10, Clock::time_point{}));
  EXPECT_FALSE(t.OnSent(Target(10, 16992, 7), 10, Clock::time_point{}));
  auto r = t.OnReply(10, 16992, kSynAck);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->target.position, 0u);
}

TEST(SynTracker, RetriesThenFiltered) {
  SynTracker t(1000ms, 1);
  Clock::time_point t0{};
  ASSERT_TRUE(t.OnSent(Target(10, 16992, 0), 10, t0));
  std::vector<ProbeTarget> resend, filtered;
  t.Expire(t0 + 999ms, &resend, &filtered);
  EXPECT_TRUE(resend.empty());
  EXPECT_EQ(t.NextExpiry(), t0 + 1000ms);
  t.Expire(t0 + 1000ms, &resend, &filtered);
  ASSERT_EQ(resend.size(), 1u);
  EXPECT_TRUE(filtered.empty());
  t.OnResent(resend[0], 10, t0 + 1000ms);
  resend.clear();
  t.Expire(t0 + 1999ms, &resend, &filtered);
  EXPECT_TRUE(filtered.empty());
  t.Expire(t0 + 2000ms, &resend, &filtered);
  EXPECT_TRUE(resend.empty());
  ASSERT_EQ(filtered.size(), 1u);
  EXPECT_EQ(t.size(), 0u);
  EXPECT_EQ(t.syns_sent(), 2u);
}

TEST(SynTracker, AnAnswerToTheRetryStillCounts) {
  SynTracker t(1000ms, 1);
  Clock::time_point t0{};
  ASSERT_TRUE(t.OnSent(Target(10, 16992, 0), 10, t0));
  std::vector<ProbeTarget> resend, filtered;
  t.Expire(t0 + 1s, &resend, &filtered);
  t.OnResent(resend[0], 10, t0 + 1s);
  EXPECT_TRUE(t.OnReply(10, 16992, kSynAck).has_value());
  resend.clear();
  t.Expire(t0 + 5s, &resend, &filtered);
  EXPECT_TRUE(resend.empty());
  EXPECT_TRUE(filtered.empty());
}

TEST(SynTracker, FastRepliesShortenTheRetryWaitButNotTheLastOne) {
  SynTracker t(1000ms, 1);
  Clock::time_point t0{};
  EXPECT_EQ(t.RetryTimeout(), 1000ms);  // nothing timed yet
  for (uint32_t i = 0; i < 20; ++i) {
    ASSERT_TRUE(t.OnSent(Target(100 + i, 16992, i), 100 + i, t0));
    ASSERT_TRUE(t.OnReply(100 + i, 16992, kRstAck, t0 + 2ms).has_value());
  }
  EXPECT_EQ(t.RetryTimeout(), 100ms);  // 2 ms RTT, clamped to the minimum
  ASSERT_TRUE(t.OnSent(Target(7, 16992, 99), 7, t0));
  std::vector<ProbeTarget> resend, filtered;
  t.Expire(t0 + 99ms, &resend, &filtered);
  EXPECT_TRUE(resend.empty());
  t.Expire(t0 + 100ms, &resend, &filtered);
  ASSERT_EQ(resend.size(), 1u);  // retried after the short wait
  t.OnResent(resend[0], 7, t0 + 100ms);
  resend.clear();
  t.Expire(t0 + 1099ms, &resend, &filtered);
  EXPECT_TRUE(filtered.empty());  // the last SYN gets the full second
  t.Expire(t0 + 1100ms, &resend, &filtered);
  ASSERT_EQ(filtered.size(), 1u);
  EXPECT_EQ(filtered[0].position, 99u);
}

// Found on the bench rig (issue 19): the SYNs sent before any RTT sample
// waited the full timeout, and in a FIFO they held up every shorter retry
// behind them, so a 3 s scan's retries left 1.7 s late and it ended as late.
TEST(SynTracker, AnEarlyLongRetryWaitDoesNotHoldUpShorterOnes) {
  SynTracker t(3000ms, 1);
  Clock::time_point t0{};
  EXPECT_EQ(t.RetryTimeout(), 1000ms);  // RFC 6298's initial RTO, not 3 s
  ASSERT_TRUE(t.OnSent(Target(1, 16992, 0), 1, t0));  // silent, 1 s wait
  for (uint32_t i = 0; i < 20; ++i) {
    ASSERT_TRUE(t.OnSent(Target(100 + i, 16992, i + 1), 100 + i, t0));
    ASSERT_TRUE(t.OnReply(100 + i, 16992, kRstAck, t0 + 2ms).has_value());
  }
  ASSERT_TRUE(t.OnSent(Target(7, 16992, 99), 7, t0 + 10ms));  // 100 ms wait
  std::vector<ProbeTarget> resend, filtered;
  t.Expire(t0 + 109ms, &resend, &filtered);
  EXPECT_TRUE(resend.empty());
  EXPECT_LE(t.NextExpiry(), t0 + 110ms);
  t.Expire(t0 + 110ms, &resend, &filtered);
  ASSERT_EQ(resend.size(), 1u);
  EXPECT_EQ(resend[0].position, 99u);
  resend.clear();
  t.Expire(t0 + 999ms, &resend, &filtered);
  EXPECT_TRUE(resend.empty());
  t.Expire(t0 + 1000ms, &resend, &filtered);
  ASSERT_EQ(resend.size(), 1u);  // the early one, at its own time
  EXPECT_EQ(resend[0].position, 0u);
}

TEST(SynTracker, SlowRepliesKeepTheRetryWaitLong) {
  SynTracker t(1000ms, 1);
  Clock::time_point t0{};
  for (uint32_t i = 0; i < 20; ++i) {
    ASSERT_TRUE(t.OnSent(Target(100 + i, 16992, i), 100 + i, t0));
    // RTTs of 100-290 ms: the estimate keeps room for the spread.
    t.OnReply(100 + i, 16992, kSynAck,
              t0 + std::chrono::milliseconds(100 + 10 * i));
  }
  EXPECT_GT(t.RetryTimeout(), 290ms);
  EXPECT_LE(t.RetryTimeout(), 1000ms);
}

TEST(SynTracker, TakeAllEmptiesTheTable) {
  SynTracker t(1000ms, 1);
  for (uint32_t i = 0; i < 5; ++i) t.OnSent(Target(i, 1, i), i, {});
  EXPECT_EQ(t.TakeAll().size(), 5u);
  EXPECT_EQ(t.size(), 0u);
  EXPECT_EQ(t.NextExpiry(), Clock::time_point::max());
}

}  // namespace
}  // namespace amtscope
