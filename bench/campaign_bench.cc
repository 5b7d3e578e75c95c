// Benchmark for campaigns (issue 14, "Performance"): eight shard processes
// store observations into one PostgreSQL inventory at once, the way
// `scan --campaign` does (SaveShard: a batch of 512 plus the checkpoint and
// lease, one transaction). Target: 20,000 observations per second in total.
// Needs AMTSCOPE_BENCH_PG=postgresql://... (bench/campaign_bench.sh starts a
// private server); skipped otherwise.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include "inventory/inventory.h"

namespace amtscope {
namespace {

constexpr uint32_t kShards = 8;
constexpr int kBatch = 512;

// Shards are disjoint in address x port, as --shard makes them: shard s
// holds addresses (s-1)*kPerShard/2 ... of 198.18.0.0/15, both web ports.
Observation Obs(uint32_t shard, int i, int per_shard) {
  Observation o;
  Finding& f = o.finding;
  int h = static_cast<int>(shard - 1) * (per_shard / 2) + i / 2;
  f.ip =
      fmt::format("198.{}.{}.{}", 18 + (h >> 16) % 2, (h >> 8) & 255, h & 255);
  f.port = i % 2 == 0 ? 16992 : 16993;
  f.amt = true;
  f.product = "amt";
  f.realm = fmt::format("Digest:{:08X}", 0x10000000 + h);  // one per host
  f.verdict =
      h % 3 == 0 ? ScanVerdict::kVulnerable : ScanVerdict::kNotVulnerable;
  f.time = std::chrono::system_clock::now();
  return o;
}

// One shard process: claims its shard, stores `n` observations in batches.
int RunShard(const std::string& url, const std::string& campaign,
             uint32_t shard, int n) {
  auto inv = OpenInventory(url);
  if (!inv.ok()) return 1;
  ShardClaim claim;
  claim.campaign = campaign;
  claim.shard = shard;
  claim.shards = kShards;
  claim.key = "bench";
  claim.holder = fmt::format("bench:{}", getpid());
  claim.now = std::chrono::system_clock::now();
  auto grant = (*inv)->ClaimShard(claim);
  if (!grant.ok()) return 2;
  ShardProgress p;
  p.shard = shard;
  p.holder = claim.holder;
  std::vector<Observation> batch;
  for (int i = 0; i < n; ++i) {
    batch.push_back(Obs(shard, i, n));
    if (batch.size() < kBatch && i + 1 < n) continue;
    p.now = std::chrono::system_clock::now();
    p.done = i + 1;
    p.checkpoint = fmt::format("watermark = {}", i + 1);
    if (!(*inv)->SaveShard(grant->scan_id, p, batch).ok()) return 3;
    batch.clear();
  }
  return (*inv)->FinishShard(grant->scan_id, p, ScanStatus::kDone).ok() ? 0 : 4;
}

// Eight shard processes of campaign `campaign` at once; false if one failed.
bool RunCampaign(const std::string& url, const std::string& campaign,
                 int per_shard) {
  std::vector<pid_t> children;
  for (uint32_t s = 1; s <= kShards; ++s) {
    pid_t pid = fork();
    if (pid == 0) _exit(RunShard(url, campaign, s, per_shard));
    children.push_back(pid);
  }
  bool ok = true;
  for (pid_t pid : children) {
    int status = 0;
    waitpid(pid, &status, 0);
    ok = ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }
  return ok;
}

const char* BenchUrl(benchmark::State& state) {
  const char* url = std::getenv("AMTSCOPE_BENCH_PG");
  if (url != nullptr && *url != '\0') return url;
  state.SkipWithError("set AMTSCOPE_BENCH_PG (bench/campaign_bench.sh)");
  return nullptr;
}

// The first campaign into an empty inventory: every device is new.
void BM_EightShardProcessesIntoPostgres(benchmark::State& state) {
  const char* url = BenchUrl(state);
  if (url == nullptr) return;
  const int per_shard = static_cast<int>(state.range(0));
  int round = 0;
  for (auto _ : state) {
    std::string campaign = fmt::format("bench-{}-{}", getpid(), ++round);
    if (!RunCampaign(url, campaign, per_shard))
      state.SkipWithError("a shard process failed");
  }
  state.counters["observations_per_s"] = benchmark::Counter(
      static_cast<double>(per_shard) * kShards * state.iterations(),
      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_EightShardProcessesIntoPostgres)
    ->Arg(25000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1);

// Next week's campaign over the same hosts: every observation links to a
// device stored before and updates it (the first campaign is not timed).
void BM_EightShardProcessesSecondWeek(benchmark::State& state) {
  const char* url = BenchUrl(state);
  if (url == nullptr) return;
  const int per_shard = static_cast<int>(state.range(0));
  for (auto _ : state) {
    state.PauseTiming();
    bool ok = RunCampaign(url, fmt::format("week1-{}", getpid()), per_shard);
    state.ResumeTiming();
    if (!ok || !RunCampaign(url, fmt::format("week2-{}", getpid()), per_shard))
      state.SkipWithError("a shard process failed");
  }
  state.counters["observations_per_s"] = benchmark::Counter(
      static_cast<double>(per_shard) * kShards * state.iterations(),
      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_EightShardProcessesSecondWeek)
    ->Arg(25000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1);

}  // namespace
}  // namespace amtscope
