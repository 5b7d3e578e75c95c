#include "net/permutation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <vector>

namespace amtscope {
namespace {

using ::testing::HasSubstr;

TEST(PermutationTest, IsABijectionForManySizesAndSeeds) {
  for (uint64_t n :
       {0ull, 1ull, 2ull, 3ull, 10ull, 255ull, 256ull, 1000ull, 65537ull}) {
    for (uint64_t seed : {0ull, 1ull, 42ull, 0xdeadbeefull}) {
      Permutation perm(n, seed);
      std::vector<bool> seen(n, false);
      for (uint64_t i = 0; i < n; ++i) {
        uint64_t x = perm.Map(i);
        ASSERT_LT(x, n) << "n=" << n << " seed=" << seed;
        ASSERT_FALSE(seen[x]) << "n=" << n << " seed=" << seed << " dup " << x;
        seen[x] = true;
      }
    }
  }
}

TEST(PermutationTest, SeedChangesTheOrderAndIsReproducible) {
  Permutation a(100000, 1), b(100000, 2), c(100000, 1);
  int same = 0;
  for (uint64_t i = 0; i < 1000; ++i) {
    same += a.Map(i) == b.Map(i);
    ASSERT_EQ(a.Map(i), c.Map(i));
  }
  EXPECT_LT(same, 10);
}

TEST(PermutationTest, IsNotTheIdentityOrASimpleShift) {
  Permutation perm(65536, 7);
  int ascending = 0;
  for (uint64_t i = 1; i < 1000; ++i)
    ascending += perm.Map(i) == perm.Map(i - 1) + 1;
  EXPECT_LT(ascending, 5);
}

TEST(PermutationTest, ConsecutivePicksDoNotClusterInOneSlash24) {
  // A /16 with 2 ports: (address, port) pairs; address = x / 2.
  for (uint64_t seed : {1ull, 99ull, 12345ull}) {
    Permutation perm(65536 * 2, seed);
    int same_24 = 0;
    std::set<uint64_t> window_nets;
    for (uint64_t i = 1; i < 100000; ++i) {
      same_24 += (perm.Map(i) / 2) >> 8 == (perm.Map(i - 1) / 2) >> 8;
    }
    // Random picks land in the same /24 (of 256) with p = 1/256: ~390 of 1e5.
    EXPECT_LT(same_24, 800) << "seed " << seed;
    // 256 consecutive picks touch most /24s rather than a few.
    for (uint64_t i = 0; i < 256; ++i)
      window_nets.insert((perm.Map(i) / 2) >> 8);
    EXPECT_GT(window_nets.size(), 140u) << "seed " << seed;
  }
}

TEST(ShardTest, ParsesOneBasedAndRejectsBadOnes) {
  auto shard = Shard::Parse("2/4");
  ASSERT_TRUE(shard.ok());
  EXPECT_EQ(shard->index, 2u);
  EXPECT_EQ(shard->count, 4u);
  EXPECT_EQ(shard->ToString(), "2/4");
  for (const char* bad : {"0/4", "3/2", "1/0", "1", "a/b", "1/2/3", ""}) {
    auto result = Shard::Parse(bad);
    ASSERT_FALSE(result.ok()) << bad;
    EXPECT_THAT(result.status().hint(), HasSubstr("1-based")) << bad;
  }
}

TEST(ScanOrderTest, ShardsAreDisjointAndTogetherComplete) {
  for (uint32_t shards : {1u, 2u, 3u, 7u, 16u}) {
    for (uint64_t seed : {5ull, 77ull}) {
      const uint64_t addresses = 1000;
      const uint32_t ports = 3;
      std::vector<int> hits(addresses * ports, 0);
      uint64_t total = 0;
      for (uint32_t s = 1; s <= shards; ++s) {
        ScanOrder order(addresses, ports, seed, Shard{s, shards});
        total += order.size();
        for (uint64_t pos = 0; pos < order.size(); ++pos) {
          auto pick = order.At(pos);
          ASSERT_LT(pick.address_index, addresses);
          ASSERT_LT(pick.port_index, ports);
          ++hits[pick.address_index * ports + pick.port_index];
        }
      }
      EXPECT_EQ(total, addresses * ports);
      for (size_t i = 0; i < hits.size(); ++i) {
        ASSERT_EQ(hits[i], 1)
            << "pair " << i << " shards " << shards << " seed " << seed;
      }
    }
  }
}

TEST(ScanOrderTest, MoreShardsThanProbes) {
  ScanOrder last(1, 2, 1, Shard{3, 3});
  EXPECT_EQ(last.size(), 0u);
  ScanOrder first(1, 2, 1, Shard{1, 3});
  EXPECT_EQ(first.size(), 1u);
}

TEST(ScanOrderTest, PortsOfOneHostAreSpreadOut) {
  ScanOrder order(4096, 2, 3, Shard{});
  std::vector<int64_t> first_seen(4096, -1);
  int close = 0;
  for (uint64_t pos = 0; pos < order.size(); ++pos) {
    auto pick = order.At(pos);
    if (first_seen[pick.address_index] < 0) {
      first_seen[pick.address_index] = static_cast<int64_t>(pos);
    } else if (static_cast<int64_t>(pos) - first_seen[pick.address_index] <
               16) {
      ++close;
    }
  }
  EXPECT_LT(close, 40);  // ~16/8192 chance each: ~8 expected
}

}  // namespace
}  // namespace amtscope

namespace amtscope {
namespace {

TEST(PermutationTest, UnmapInvertsMap) {
  for (uint64_t n : {1ull, 2ull, 7ull, 1000ull, 65537ull}) {
    Permutation perm(n, 99);
    for (uint64_t i = 0; i < n; i += (n / 500) + 1) {
      ASSERT_EQ(perm.Unmap(perm.Map(i)), i) << "n=" << n << " i=" << i;
    }
  }
}

TEST(ScanOrderTest, PositionOfFindsEveryPickOfItsShardOnly) {
  for (uint32_t index : {1u, 2u, 3u}) {
    ScanOrder order(310, 2, 11, Shard{index, 3});
    for (uint64_t pos = 0; pos < order.size(); ++pos) {
      uint64_t found = 0;
      ASSERT_TRUE(order.PositionOf(order.At(pos), &found));
      ASSERT_EQ(found, pos);
    }
    ScanOrder other(310, 2, 11, Shard{index % 3 + 1, 3});
    uint64_t ignored = 0;
    EXPECT_FALSE(order.PositionOf(other.At(0), &ignored));
    EXPECT_FALSE(order.PositionOf({310, 0}, &ignored));  // outside the space
    EXPECT_FALSE(order.PositionOf({0, 2}, &ignored));    // no such port
  }
}

}  // namespace
}  // namespace amtscope
