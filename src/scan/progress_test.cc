#include "scan/progress.h"

#include <gtest/gtest.h>

namespace amtscope {
namespace {

TEST(FormatProgress, ShowsRatePercentEtaAndFound) {
  ProgressSnapshot s;
  s.done = 1000;
  s.total = 65536;
  s.open = 12;
  s.amt = 10;
  s.vulnerable = 4;
  s.rate = 1000;
  EXPECT_EQ(FormatProgress(s),
            "1000/65536 probes (1.5%), 1000/s, ETA 1:04, open 12, AMT 10, "
            "vulnerable 4");
}

TEST(FormatProgress, NoRateMeansNoEta) {
  ProgressSnapshot s;
  s.total = 10;
  EXPECT_NE(FormatProgress(s).find("ETA -"), std::string::npos);
}

TEST(IsInteractive, PipesAreNotTerminals) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  EXPECT_FALSE(IsInteractive(fds[1]));
  close(fds[0]);
  close(fds[1]);
}

TEST(ProgressReporter, PlainModePrintsWholeLines) {
  EngineCounters c;
  char* buf = nullptr;
  size_t len = 0;
  std::FILE* mem = open_memstream(&buf, &len);
  {
    ProgressReporter r(c, 100, 0, mem, false, std::chrono::milliseconds(10));
    c.done = 50;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    r.Finish();
  }
  std::fclose(mem);
  std::string out(buf, len);
  free(buf);
  EXPECT_EQ(out.find('\r'), std::string::npos);
  EXPECT_NE(out.find("50/100 probes"), std::string::npos);
  EXPECT_EQ(out.back(), '\n');
}

}  // namespace
}  // namespace amtscope
