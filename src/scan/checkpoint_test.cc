#include "scan/checkpoint.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace amtscope {
namespace {

using ::testing::HasSubstr;

class CheckpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "/checkpoint_test_" +
           std::to_string(getpid()) + "_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    base_.options.format = OutputFormat::kNdjson;
    base_.options.output = dir_ + "/out.ndjson";
    base_.options.resume_file = dir_ + "/scan.resume";
    base_.total_positions = 100;
    base_.target_count = 50;
    std::ofstream(base_.options.output) << "0123456789";
  }
  bool Saved() const {
    struct stat st {};
    return ::stat(base_.options.resume_file.c_str(), &st) == 0;
  }
  Checkpointer Make(CheckpointPolicy policy) {
    return Checkpointer(base_, policy, [this] { return now_; });
  }

  std::string dir_;
  ResumeState base_;
  Checkpointer::Clock::time_point now_{};
};

TEST_F(CheckpointTest, SavesEveryNProbesWithTheOutputSizeAtThatMoment) {
  Checkpointer cp =
      Make({std::chrono::hours(1), 3, std::chrono::milliseconds(0)});
  CompletionTracker tracker;
  RunStats stats;
  for (uint64_t p = 0; p < 2; ++p) {
    tracker.MarkDone(p);
    cp.AfterDone(tracker, stats);
  }
  EXPECT_FALSE(Saved());
  tracker.MarkDone(2);
  stats.targets_done = 3;
  cp.AfterDone(tracker, stats);
  ASSERT_TRUE(Saved());
  auto st = LoadResumeFile(base_.options.resume_file);
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  EXPECT_EQ(st->watermark, 3u);
  EXPECT_EQ(st->output_bytes, 10u);
  EXPECT_EQ(st->counters.targets_done, 3u);
}

TEST_F(CheckpointTest, SavesAfterTheIntervalEvenWhenProbesAreFew) {
  Checkpointer cp =
      Make({std::chrono::seconds(2), 1000, std::chrono::milliseconds(0)});
  CompletionTracker tracker;
  tracker.MarkDone(0);
  cp.AfterDone(tracker, RunStats{});
  EXPECT_FALSE(Saved());
  now_ += std::chrono::milliseconds(2100);
  tracker.MarkDone(1);
  cp.AfterDone(tracker, RunStats{});
  EXPECT_TRUE(Saved());
}

TEST_F(CheckpointTest, XmlOnlySavesWhenToldBecauseItWritesAtTheEnd) {
  base_.options.format = OutputFormat::kXml;
  Checkpointer cp =
      Make({std::chrono::milliseconds(0), 1, std::chrono::milliseconds(0)});
  CompletionTracker tracker;
  for (uint64_t p = 0; p < 5; ++p) {
    tracker.MarkDone(p);
    now_ += std::chrono::seconds(5);
    cp.AfterDone(tracker, RunStats{});
  }
  EXPECT_FALSE(Saved());
  ASSERT_TRUE(cp.Save(tracker, RunStats{}).ok());
  auto st = LoadResumeFile(base_.options.resume_file);
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->output_bytes, ResumeState::kUnknownOutputBytes);
}

TEST_F(CheckpointTest, PlainRunRefusesToOverwriteAnUnfinishedScan) {
  ScanOptions o = base_.options;
  EXPECT_TRUE(RefuseToOverwriteUnfinished(o).ok());  // no resume file yet
  base_.options.ports = {16992};
  ASSERT_TRUE(SaveResumeFile(o.resume_file, base_).ok());
  Status refused = RefuseToOverwriteUnfinished(o);
  EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(refused.ToString(), HasSubstr("out.ndjson"));
  EXPECT_THAT(refused.ToString(), HasSubstr("--force"));
  o.force = true;
  EXPECT_TRUE(RefuseToOverwriteUnfinished(o).ok());
  o.force = false;
  o.resume = o.resume_file;
  EXPECT_TRUE(RefuseToOverwriteUnfinished(o).ok());
  EXPECT_EQ(RemoveResumeFiles(o), "");
  EXPECT_FALSE(Saved());
}

}  // namespace
}  // namespace amtscope
