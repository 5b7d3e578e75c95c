// Opt-in scale check (AMTSCOPE_INVENTORY_BENCH=1): two scans of 100,000
// observations each into SQLite, then read back and diffed (issue 12: diff
// under 1 s).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "inventory/diff.h"
#include "inventory/inventory.h"

namespace amtscope {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

int64_t StoreScan(Inventory& inv, int n, int shift) {
  ScanRecord s;
  s.start = std::chrono::system_clock::now();
  auto id = inv.BeginScan(s);
  EXPECT_TRUE(id.ok());
  std::vector<Observation> batch;
  for (int i = 0; i < n; ++i) {
    Observation o;
    int host = i + shift;
    o.finding.ip = "10." + std::to_string(host >> 16) + "." +
                   std::to_string((host >> 8) & 255) + "." +
                   std::to_string(host & 255);
    o.finding.port = 16992;
    o.finding.amt = true;
    o.finding.realm = "Digest:" + std::to_string(10000000 + i);
    o.finding.verdict = (i + shift) % 3 == 0 ? ScanVerdict::kVulnerable
                                             : ScanVerdict::kNotVulnerable;
    o.finding.time = std::chrono::system_clock::now();
    batch.push_back(std::move(o));
    if (batch.size() == 1000) {
      EXPECT_TRUE(inv.AddObservations(*id, batch).ok());
      batch.clear();
    }
  }
  EXPECT_TRUE(inv.AddObservations(*id, batch).ok());
  return *id;
}

TEST(InventoryScaleTest, DiffOfTwoHundredThousandObservationScans) {
  if (std::getenv("AMTSCOPE_INVENTORY_BENCH") == nullptr) {
    GTEST_SKIP() << "set AMTSCOPE_INVENTORY_BENCH=1 to run";
  }
  std::string path =
      ::testing::TempDir() + "/scale" + std::to_string(getpid()) + ".sqlite";
  auto inv = OpenInventory(path);
  ASSERT_TRUE(inv.ok());
  auto t0 = Clock::now();
  int64_t a = StoreScan(**inv, 100000, 0);
  int64_t b = StoreScan(**inv, 100000, 7);
  std::cout << "store 200,000 observations: " << Seconds(t0) << " s\n";
  auto t1 = Clock::now();
  auto before = (*inv)->ScanVerdicts(a);
  auto after = (*inv)->ScanVerdicts(b);
  std::cout << "read: " << Seconds(t1) << " s\n";
  ScanDiff diff = Diff(*before, *after);
  double diff_s = Seconds(t1);
  std::cout << "read + diff: " << diff_s << " s (moved " << diff.moved.size()
            << ")\n";
  EXPECT_LT(diff_s, 1.0);
  inv->reset();
  for (const char* suffix : {"", "-wal", "-shm"})
    std::remove((path + suffix).c_str());
}

}  // namespace
}  // namespace amtscope
