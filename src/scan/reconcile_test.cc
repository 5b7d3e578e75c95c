#include "scan/reconcile.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace amtscope {
namespace {

using ::testing::HasSubstr;

class ReconcileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ::testing::TempDir() + "/reconcile_test_" +
            std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name();
    TargetSpec spec;
    spec.include = {"127.0.0.1-127.0.0.10"};
    auto space = TargetSpace::Build(spec, SystemResolver());
    ASSERT_TRUE(space.ok());
    space_ = *space;
    state_.options.ports = {16992, 16993};
    state_.options.output = path_;
    state_.options.format = OutputFormat::kNdjson;
  }
  std::string Line(int host, uint16_t port) const {
    return "{\"ip\":\"127.0.0." + std::to_string(host) +
           "\",\"port\":" + std::to_string(port) + ",\"amt\":true}\n";
  }
  uint64_t PositionOf(int host, uint32_t port_index) const {
    uint64_t pos = 0;
    EXPECT_TRUE(
        order_.PositionOf({static_cast<uint64_t>(host - 1), port_index}, &pos));
    return pos;
  }
  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream b;
    b << in.rdbuf();
    return b.str();
  }

  std::string path_;
  TargetSpace space_;
  ScanOrder order_{10, 2, 5, Shard{}};
  ResumeState state_;
};

TEST_F(ReconcileTest, MarksRecordsWrittenAfterTheCheckpointAndCutsATornLine) {
  std::string known = Line(1, 16992) + Line(2, 16993);
  std::string newer = Line(3, 16992) + Line(4, 16993);
  std::ofstream(path_, std::ios::binary)
      << known << newer << "{\"ip\":\"127.0.0.5\",\"po";
  state_.output_bytes = known.size();
  CompletionTracker tracker;
  auto marked = ReconcileWithOutput(state_, space_, order_, &tracker);
  ASSERT_TRUE(marked.ok()) << marked.status().ToString();
  EXPECT_EQ(*marked, 2u);
  EXPECT_TRUE(tracker.IsDone(PositionOf(3, 0)));
  EXPECT_TRUE(tracker.IsDone(PositionOf(4, 1)));
  EXPECT_FALSE(tracker.IsDone(PositionOf(1, 0)));  // the checkpoint's part
  EXPECT_FALSE(tracker.IsDone(PositionOf(5, 0)));  // torn: probed again
  EXPECT_EQ(Read(path_), known + newer);
}

TEST_F(ReconcileTest, CsvRowsAfterTheHeader) {
  state_.options.format = OutputFormat::kCsv;
  std::string header = "ip,port,tls\r\n";
  std::ofstream(path_, std::ios::binary)
      << header << "127.0.0.7,16993,false\r\n";
  state_.output_bytes = 0;
  CompletionTracker tracker;
  auto marked = ReconcileWithOutput(state_, space_, order_, &tracker);
  ASSERT_TRUE(marked.ok());
  EXPECT_EQ(*marked, 1u);
  EXPECT_TRUE(tracker.IsDone(PositionOf(7, 1)));
}

TEST_F(ReconcileTest, TableRowsButNotHeadersOrSummaries) {
  state_.options.format = OutputFormat::kTable;
  std::ofstream(path_, std::ios::binary)
      << "IP               PORT TLS     PRODUCT\n"
      << "127.0.0.8       16993 TLSv1.1 amt\n"
      << "\nDone: 20 address:port probes in 0.1 s; 1 open port.\n";
  state_.output_bytes = 0;
  CompletionTracker tracker;
  auto marked = ReconcileWithOutput(state_, space_, order_, &tracker);
  ASSERT_TRUE(marked.ok()) << marked.status().ToString();
  EXPECT_EQ(*marked, 1u);
  EXPECT_TRUE(tracker.IsDone(PositionOf(8, 1)));
}

TEST_F(ReconcileTest, XmlHostsAnywhereInTheFile) {
  state_.options.format = OutputFormat::kXml;
  std::ofstream(path_, std::ios::binary)
      << "<nmaprun scanner=\"amtscope\">\n<host starttime=\"1\" "
         "endtime=\"2\"><status state=\"up\"/>\n<address addr=\"127.0.0.9\" "
         "addrtype=\"ipv4\"/>\n<hostnames/>\n<ports><port protocol=\"tcp\" "
         "portid=\"16992\"></port>\n<port protocol=\"tcp\" "
         "portid=\"16993\"></port>\n</ports>\n</host>\n";
  CompletionTracker tracker;
  auto marked = ReconcileWithOutput(state_, space_, order_, &tracker);
  ASSERT_TRUE(marked.ok());
  EXPECT_EQ(*marked, 2u);
  EXPECT_TRUE(tracker.IsDone(PositionOf(9, 0)));
  EXPECT_TRUE(tracker.IsDone(PositionOf(9, 1)));
}

TEST_F(ReconcileTest, OutputShorterThanTheCheckpointIsRefused) {
  std::ofstream(path_, std::ios::binary) << Line(1, 16992);
  state_.output_bytes = 1000;
  CompletionTracker tracker;
  auto marked = ReconcileWithOutput(state_, space_, order_, &tracker);
  ASSERT_FALSE(marked.ok());
  EXPECT_THAT(marked.status().message(), HasSubstr("shorter"));
}

TEST_F(ReconcileTest, StdoutOrUnknownSizeReconcilesNothing) {
  std::ofstream(path_, std::ios::binary) << Line(1, 16992);
  CompletionTracker tracker;  // output_bytes unknown (an older resume file)
  auto marked = ReconcileWithOutput(state_, space_, order_, &tracker);
  ASSERT_TRUE(marked.ok());
  EXPECT_EQ(*marked, 0u);
}

}  // namespace
}  // namespace amtscope
