// Benchmarks for the scan order and target space (issue 4): permutation
// indices per second (target > 50M/s) and TargetSpace build time for a /8.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "net/permutation.h"
#include "net/target_space.h"

namespace amtscope {
namespace {

class NoDns : public Resolver {
 public:
  Result<std::vector<boost::asio::ip::address>> Resolve(
      std::string_view) override {
    return Status::NotFound("no DNS in benchmarks");
  }
};

// Raw permutation over a /8 x 2 ports (2^25 probes).
void BM_PermutationMap(benchmark::State& state) {
  Permutation perm(uint64_t{1} << 25, 42);
  uint64_t i = 0, sink = 0;
  for (auto _ : state) {
    sink += perm.Map(i);
    i = (i + 1) & ((uint64_t{1} << 25) - 1);
  }
  benchmark::DoNotOptimize(sink);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PermutationMap);

// A domain just above a power of four forces the most cycle walking.
void BM_PermutationMapAwkwardSize(benchmark::State& state) {
  const uint64_t n = (uint64_t{1} << 24) + 43;
  Permutation perm(n, 7);
  uint64_t i = 0, sink = 0;
  for (auto _ : state) {
    sink += perm.Map(i);
    if (++i == n) i = 0;
  }
  benchmark::DoNotOptimize(sink);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PermutationMapAwkwardSize);

// What the engine does per probe: position -> (address index, port index) ->
// address.
void BM_ScanOrderPickAddress(benchmark::State& state) {
  NoDns dns;
  auto space =
      TargetSpace::Build({{"198.0.0.0/8"}, {"198.18.0.0/15"}, false}, dns);
  ScanOrder order(space->size(), 2, 42, Shard{1, 1});
  uint64_t pos = 0, sink = 0;
  for (auto _ : state) {
    auto pick = order.At(pos);
    sink += space->At(pick.address_index).to_v4().to_uint() + pick.port_index;
    if (++pos == order.size()) pos = 0;
  }
  benchmark::DoNotOptimize(sink);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ScanOrderPickAddress);

void BM_TargetSpaceBuildSlash8(benchmark::State& state) {
  NoDns dns;
  for (auto _ : state) {
    auto space =
        TargetSpace::Build({{"198.0.0.0/8"}, {"198.18.0.0/15"}, false}, dns);
    benchmark::DoNotOptimize(space->size());
  }
}
BENCHMARK(BM_TargetSpaceBuildSlash8)->Unit(benchmark::kMicrosecond);

// A /8 given the hard way: 65536 /24s as octet ranges (198.*.*.0-255).
void BM_TargetSpaceBuildSlash8AsOctetRanges(benchmark::State& state) {
  NoDns dns;
  for (auto _ : state) {
    auto space = TargetSpace::Build({{"198.*.*.*"}, {}, false}, dns);
    benchmark::DoNotOptimize(space->size());
  }
}
BENCHMARK(BM_TargetSpaceBuildSlash8AsOctetRanges)
    ->Unit(benchmark::kMillisecond);

// An -iL list of 100,000 single addresses (what masscan -oL output gives).
void BM_TargetSpaceBuild100kSingles(benchmark::State& state) {
  NoDns dns;
  TargetSpec spec;
  for (uint32_t i = 0; i < 100000; ++i) {
    spec.include.push_back(fmt::format("198.{}.{}.{}", 18 + (i >> 16) % 2,
                                       (i >> 8) & 255, (i * 7) & 255));
  }
  for (auto _ : state) {
    auto space = TargetSpace::Build(spec, dns);
    benchmark::DoNotOptimize(space->size());
  }
  state.SetItemsProcessed(state.iterations() * 100000);
}
BENCHMARK(BM_TargetSpaceBuild100kSingles)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace amtscope
