#include "scan/rtt_estimator.h"

#include <gtest/gtest.h>

namespace amtscope {
namespace {

using std::chrono::milliseconds;

TEST(RttEstimatorTest, OneSecondOrTheCeilingUntilEightRoundTrips) {
  RttEstimator short_scan(milliseconds(500));
  EXPECT_EQ(short_scan.RetryTimeout(), milliseconds(500));
  RttEstimator rtt(milliseconds(3000));
  for (int i = 0; i < 7; ++i) rtt.Sample(2);
  EXPECT_EQ(rtt.RetryTimeout(), milliseconds(1000));
  rtt.Sample(2);
  EXPECT_EQ(rtt.samples(), 8u);
  EXPECT_EQ(rtt.RetryTimeout(), milliseconds(100));  // the floor
}

TEST(RttEstimatorTest, FollowsSlowRoundTripsUpToTheCeiling) {
  RttEstimator rtt(milliseconds(3000));
  for (int i = 0; i < 8; ++i) rtt.Sample(400);
  // srtt 400, rttvar shrinks from 200 by 3/4 per equal sample.
  EXPECT_GT(rtt.RetryTimeout(), milliseconds(400));
  EXPECT_LT(rtt.RetryTimeout(), milliseconds(1200));
  for (int i = 0; i < 50; ++i) rtt.Sample(10000);
  EXPECT_EQ(rtt.RetryTimeout(), milliseconds(3000));
}

}  // namespace
}  // namespace amtscope
