#include "scan/route_blocks.h"

#include <gtest/gtest.h>

namespace amtscope {
namespace {

constexpr uint32_t Ip(uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
  return a << 24 | b << 16 | c << 8 | d;
}

// Captured from a rig namespace, plus a /28 and a host route added by hand.
constexpr std::string_view kTable =
    "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\t"
    "Window\tIRTT\n"
    "abs0\t00000000\tFEFF13C6\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
    "abs0\t00FF13C6\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"
    "eth1\t100012C6\t00000000\t0001\t0\t0\t0\tF0FFFFFF\t0\t0\t0\n"
    "eth2\t050112C6\tFEFF13C6\t0007\t0\t0\t0\tFFFFFFFF\t0\t0\t0\n";

TEST(RouteBlocksTest, RoutesUpToSlash24LeaveTheirBlocksWhole) {
  RouteBlocks b = RouteBlocks::Parse(kTable);
  EXPECT_TRUE(b.Whole(Ip(198, 19, 255, 7)));
  EXPECT_TRUE(b.Whole(Ip(10, 1, 2, 3)));  // default route only
  EXPECT_TRUE(b.Whole(Ip(198, 18, 2, 9)));
}

TEST(RouteBlocksTest, LongerRoutesSplitTheBlockTheyLieIn) {
  RouteBlocks b = RouteBlocks::Parse(kTable);
  EXPECT_FALSE(b.Whole(Ip(198, 18, 0, 200)));  // /28 at 198.18.0.16
  EXPECT_FALSE(b.Whole(Ip(198, 18, 1, 1)));    // host route 198.18.1.5
  EXPECT_TRUE(b.Whole(Ip(198, 18, 3, 5)));
}

TEST(RouteBlocksTest, GarbageLinesAreIgnored) {
  RouteBlocks b = RouteBlocks::Parse(
      "eth0 zz 0 0 0 0 0 FFFFFFFF\nshort line\n\n"
      "eth0\t050112C6\t0\t1\t0\t0\t0\tFFFFFFFFx\n");
  EXPECT_TRUE(b.Whole(Ip(198, 18, 1, 5)));
}

}  // namespace
}  // namespace amtscope
