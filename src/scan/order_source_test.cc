#include "scan/order_source.h"

#include <gtest/gtest.h>

#include <set>

namespace amtscope {
namespace {

TEST(OrderSource, VisitsEveryPairOnceAndSkipsDone) {
  TargetSpec spec;
  spec.include = {"198.18.0.0/28"};
  auto space = TargetSpace::Build(spec, SystemResolver());
  ASSERT_TRUE(space.ok()) << space.status().ToString();
  std::vector<uint16_t> ports = {16992, 16993};
  ScanOrder order(space->size(), 2, 7, Shard{});
  OrderSource src(*space, ports, order, 0,
                  [](uint64_t pos) { return pos % 5 == 0; });
  std::set<std::pair<std::string, uint16_t>> seen;
  ProbeTarget t;
  int n = 0;
  while (src.Next(&t)) {
    EXPECT_NE(t.position % 5, 0u);
    EXPECT_TRUE(space->Contains(t.address));
    seen.insert({t.address.to_string(), t.port});
    ++n;
  }
  EXPECT_EQ(n, 32 - 7);  // positions 0,5,...,30 skipped
  EXPECT_EQ(seen.size(), static_cast<size_t>(n));
}

}  // namespace
}  // namespace amtscope
