#include "scan/resume.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <set>

#include "net/permutation.h"

namespace amtscope {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class NoDns : public Resolver {
 public:
  Result<std::vector<boost::asio::ip::address>> Resolve(
      std::string_view) override {
    return Status::NotFound("no DNS in tests");
  }
};

ResumeState SampleState() {
  ResumeState s;
  s.options.targets = {"198.18.0.0/24", "198.18.9.9"};
  s.options.excludes = {"198.18.0.1"};
  s.options.seed = 1234;
  s.options.shard = {2, 3};
  s.options.format = OutputFormat::kNdjson;
  s.options.output = "results.ndjson";
  s.total_positions = 172;
  s.target_count = 256;
  s.target_fingerprint = 0xabcdef0123456789ULL;
  s.watermark = 40;
  s.done_above = {41, 45, 100};
  s.counters = {39, 5, 4, 2};
  return s;
}

TEST(ResumeFileTest, RoundTrip) {
  ResumeState s = SampleState();
  std::string text = FormatResumeFile(s);
  auto back = ParseResumeFile(text);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(EchoScanOptions(back->options), EchoScanOptions(s.options));
  EXPECT_EQ(back->options.seed, 1234u);
  EXPECT_EQ(back->options.shard, (Shard{2, 3}));
  EXPECT_EQ(back->total_positions, 172u);
  EXPECT_EQ(back->target_count, 256u);
  EXPECT_EQ(back->target_fingerprint, 0xabcdef0123456789ULL);
  EXPECT_EQ(back->watermark, 40u);
  EXPECT_THAT(back->done_above, ElementsAre(41, 45, 100));
  EXPECT_EQ(back->counters, s.counters);
  EXPECT_EQ(FormatResumeFile(*back), text);
}

TEST(ResumeFileTest, SaveAndLoadThroughAFile) {
  std::string path = ::testing::TempDir() + "/amtscope_test.resume";
  ResumeState s = SampleState();
  for (uint64_t p = 101; p < 171; p += 2)
    s.done_above.push_back(p);  // several lines
  ASSERT_TRUE(SaveResumeFile(path, s).ok());
  auto back = LoadResumeFile(path);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->done_above, s.done_above);
  auto missing = LoadResumeFile(path + ".none");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);  // exit 2
}

TEST(ResumeFileTest, EveryKindOfDamageIsAClearUsageError) {
  std::string good = FormatResumeFile(SampleState());
  std::vector<std::pair<std::string, std::string>> damaged = {
      {good.substr(0, good.size() / 2), "truncated"},
      {good.substr(0, good.rfind("checksum")), "truncated"},
      {std::string(good).replace(good.find("rate = 5000"), 11, "rate = 5001"),
       "checksum"},
      {good + "rate = 7\n", "after the checksum"},
      {"garbage\n", "not a 'name = value' line"},
      {"", "truncated"},
  };
  for (const auto& [text, expect] : damaged) {
    auto r = ParseResumeFile(text, "resume file 'x'");
    ASSERT_FALSE(r.ok()) << expect;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(), HasSubstr("resume file 'x' line"))
        << expect;
    EXPECT_THAT(r.status().message(), HasSubstr(expect));
    EXPECT_THAT(r.status().hint(), HasSubstr("without --resume"));
  }
}

TEST(ResumeFileTest, ValidChecksumButBadContentIsRejected) {
  auto with_checksum = [](std::string body) {
    ResumeState s = SampleState();
    std::string text = FormatResumeFile(s);
    text = text.substr(0, text.rfind("checksum"));
    text += body;
    // Recompute the checksum the way the writer does.
    uint64_t hash = 0xcbf29ce484222325ULL;
    for (unsigned char c : text) hash = (hash ^ c) * 0x100000001b3ULL;
    return text + fmt::format("checksum = {:016x}\n", hash);
  };
  EXPECT_THAT(ParseResumeFile(with_checksum("rate = 0\n")).status().message(),
              HasSubstr("bad --rate"));
  EXPECT_THAT(
      ParseResumeFile(with_checksum("colour = red\n")).status().message(),
      HasSubstr("unknown option"));
  EXPECT_THAT(
      ParseResumeFile(with_checksum("resume-done = 500\n")).status().message(),
      HasSubstr("outside"));
  EXPECT_THAT(
      ParseResumeFile(with_checksum("resume-done = 9,x\n")).status().message(),
      HasSubstr("resume-done"));
  EXPECT_TRUE(ParseResumeFile(with_checksum("")).ok());
}

TEST(CompletionTrackerTest, WatermarkAdvancesOverOutOfOrderCompletions) {
  CompletionTracker t;
  for (uint64_t p : {2, 0, 5, 3}) t.MarkDone(p);
  EXPECT_EQ(t.watermark(), 1u);
  EXPECT_TRUE(t.IsDone(0));
  EXPECT_FALSE(t.IsDone(1));
  EXPECT_TRUE(t.IsDone(2));
  EXPECT_FALSE(t.IsDone(4));
  EXPECT_EQ(t.done_count(), 4u);
  t.MarkDone(1);
  EXPECT_EQ(t.watermark(), 4u);
  t.MarkDone(1);  // idempotent
  EXPECT_EQ(t.done_count(), 5u);
  ResumeState s;
  t.SaveInto(&s);
  EXPECT_EQ(s.watermark, 4u);
  EXPECT_THAT(s.done_above, ElementsAre(5));
}

// Simulates an engine interrupted mid-scan and resumed: every probe runs
// exactly once over both runs, so results are neither lost nor duplicated.
TEST(CompletionTrackerTest, InterruptAndResumeProbesEachPositionOnce) {
  NoDns dns;
  auto space = TargetSpace::Build({{"198.18.0.0/24"}, {}, false}, dns);
  ASSERT_TRUE(space.ok());
  ScanOrder order(space->size(), 2, 99, Shard{});
  std::vector<int> probed(order.size(), 0);
  std::mt19937 rng(5);

  // Run 1: positions start in order, finish in random order; interrupt at 300.
  CompletionTracker tracker;
  std::vector<uint64_t> in_flight;
  for (uint64_t pos = 0; pos < 300; ++pos) {
    in_flight.push_back(pos);
    if (in_flight.size() > 20) {
      size_t k = rng() % in_flight.size();
      ++probed[in_flight[k]];
      tracker.MarkDone(in_flight[k]);
      in_flight.erase(in_flight.begin() + static_cast<long>(k));
    }
  }
  ResumeState state;
  state.options.targets = {"198.18.0.0/24"};
  state.options.seed = 99;
  state.total_positions = order.size();
  state.target_count = space->size();
  state.target_fingerprint = space->Fingerprint();
  tracker.SaveInto(&state);  // the 20 in flight are abandoned
  EXPECT_LT(state.done_above.size(), 60u);

  // Run 2: from the file.
  auto loaded = ParseResumeFile(FormatResumeFile(state));
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  auto space2 = TargetSpace::Build({loaded->options.targets, {}, false}, dns);
  ASSERT_TRUE(CheckResumeMatches(*loaded, *space2, order.size()).ok());
  CompletionTracker resumed(*loaded);
  for (uint64_t pos = resumed.watermark(); pos < order.size(); ++pos) {
    if (resumed.IsDone(pos)) continue;
    ++probed[pos];
    resumed.MarkDone(pos);
  }
  for (size_t i = 0; i < probed.size(); ++i)
    ASSERT_EQ(probed[i], 1) << "position " << i;
  EXPECT_EQ(resumed.watermark(), order.size());
}

TEST(ResumeTest, ChangedTargetsAreDetected) {
  NoDns dns;
  auto space = TargetSpace::Build({{"198.18.0.0/24"}, {}, false}, dns);
  auto other = TargetSpace::Build({{"198.18.1.0/24"}, {}, false}, dns);
  ResumeState s = SampleState();
  s.target_count = space->size();
  s.target_fingerprint = space->Fingerprint();
  s.total_positions = 512;
  EXPECT_TRUE(CheckResumeMatches(s, *space, 512).ok());
  auto changed = CheckResumeMatches(s, *other, 512);
  EXPECT_THAT(changed.message(), HasSubstr("targets changed"));
}

TEST(ResumeTest, CommandLineMayChangeThePaceButNotWhatIsScanned) {
  ResumeState s = SampleState();
  s.options.rate = 200;
  ScanOptions cli;
  cli.resume = "x.resume";
  cli.quiet = true;
  cli.verbose = true;
  cli.packet_trace = true;
  cli.rate = 1;
  cli.concurrency = 7;
  cli.ports = {1};  // refused earlier by FinalizeScanOptions; never taken
  ScanOptions o = ResumedOptions(s, cli);
  EXPECT_EQ(o.rate, 1u);
  EXPECT_EQ(o.concurrency, 7u);
  EXPECT_EQ(o.ports, s.options.ports);
  EXPECT_TRUE(o.quiet);
  EXPECT_TRUE(o.verbose);
  EXPECT_TRUE(o.packet_trace);
  EXPECT_EQ(o.seed, 1234u);
  EXPECT_EQ(o.resume, "x.resume");
  // Progress goes back into the file being resumed, unless told otherwise.
  EXPECT_EQ(o.resume_file, "x.resume");
  cli.resume_file = "other.resume";
  EXPECT_EQ(ResumedOptions(s, cli).resume_file, "other.resume");
  cli.rate = ScanOptions{}.rate;  // not given: the file's pace stays
  EXPECT_EQ(ResumedOptions(s, cli).rate, 200u);
}

TEST(ResumeTest, OutputBytesRoundTripAndAreOptional) {
  ResumeState s = SampleState();
  auto without = ParseResumeFile(FormatResumeFile(s));
  ASSERT_TRUE(without.ok()) << without.status().ToString();
  EXPECT_EQ(without->output_bytes, ResumeState::kUnknownOutputBytes);
  s.output_bytes = 4321;
  auto with = ParseResumeFile(FormatResumeFile(s));
  ASSERT_TRUE(with.ok()) << with.status().ToString();
  EXPECT_EQ(with->output_bytes, 4321u);
}

TEST(ResumeTest, MissingFileSaysThereIsNothingToResume) {
  auto missing = LoadResumeFile(::testing::TempDir() + "/no-such.resume");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(missing.status().message(), HasSubstr("nothing to resume"));
}

}  // namespace
}  // namespace amtscope
