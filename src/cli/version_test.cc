#include "cli/version.h"

#include <gtest/gtest.h>

namespace amtscope::cli {
namespace {

TEST(VersionLineTest, NamesEveryFact) {
  BuildFacts f{.version = "0.1.0",
               .commit = "abc1234",
               .build_type = "Release",
               .openssl = "3.0.11",
               .advisories = 11,
               .advisories_newest = "2019-03-12",
               .raw_sockets = false};
  EXPECT_EQ(VersionLine(f),
            "amtscope 0.1.0 (commit abc1234, Release, OpenSSL 3.0.11, "
            "advisories 11 entries / newest 2019-03-12, raw sockets: needs "
            "CAP_NET_RAW)");
  f.raw_sockets = true;
  f.build_type = "";
  f.commit = "unknown";
  f.advisories = 1;
  EXPECT_EQ(VersionLine(f),
            "amtscope 0.1.0 (commit unknown, OpenSSL 3.0.11, advisories 1 "
            "entry / newest 2019-03-12, raw sockets: available)");
}

TEST(VersionLineTest, CurrentFactsComeFromTheBuild) {
  BuildFacts f = CurrentBuildFacts();
  EXPECT_EQ(f.version, AMTSCOPE_VERSION);
  EXPECT_FALSE(f.commit.empty());
  EXPECT_FALSE(f.openssl.empty());
  EXPECT_GT(f.advisories, 0u);
  EXPECT_FALSE(f.advisories_newest.empty());
}

}  // namespace
}  // namespace amtscope::cli
