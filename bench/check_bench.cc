// amtscope check on captured trees, in process: gather (file reads + MEI
// replay) and assess + render. The end-to-end target (< 50 ms per check of a
// captured tree, process start included) is measured by check_bench.sh.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "advisory/advisory_db.h"
#include "advisory/vendor_db.h"
#include "local/assessment.h"
#include "local/check_report.h"
#include "local/local_facts.h"
#include "local/mei_capture.h"

namespace amtscope {
namespace {

// Run from the source tree, or set AMTSCOPE_SOURCE_DIR.
std::string Tree(const char* name) {
  const char* src = std::getenv("AMTSCOPE_SOURCE_DIR");
  return std::string(src ? src : ".") + "/tests/fixtures/machines/" + name;
}

LocalFacts GatherTree(const std::string& root) {
  RealFileSystem fs(root);
  FactSources src;
  src.fs = &fs;
  src.live = false;
  ReplayMei mei = ReplayMei::Parse(
      fs.ReadFile(kMeiCaptureFile).ok() ? *fs.ReadFile(kMeiCaptureFile) : "");
  src.mei = &mei;
  src.mei_source = "capture";
  return GatherFacts(src, root);
}

void BM_CheckCapturedTree(benchmark::State& state, const char* name) {
  const std::string root = Tree(name);
  AdvisoryDb db = AdvisoryDb::Embedded().value();
  VendorDb vendors = VendorDb::Embedded().value();
  for (auto _ : state) {
    LocalFacts facts = GatherTree(root);
    Assessment a = Assess(facts, db, vendors);
    std::string json = CheckToJson(facts, a).dump(2);
    benchmark::DoNotOptimize(json);
  }
}
BENCHMARK_CAPTURE(BM_CheckCapturedTree, hp_850_g3, "hp-elitebook-850-g3")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_CheckCapturedTree, dell_e6410_me6,
                  "dell-latitude-e6410-me6")
    ->Unit(benchmark::kMicrosecond);

void BM_LoadDatabases(benchmark::State& state) {
  for (auto _ : state) {
    auto db = AdvisoryDb::Embedded();
    auto vendors = VendorDb::Embedded();
    benchmark::DoNotOptimize(db.ok() && vendors.ok());
  }
}
BENCHMARK(BM_LoadDatabases)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace amtscope
