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
               .vendor_fixes = 232,
               .vendors_newest = "2020-06-09",
               .raw_sockets = false};
  EXPECT_EQ(VersionLine(f),
            "amtscope 0.1.0 (commit abc1234, Release, OpenSSL 3.0.11, "
            "advisories 11 entries / newest 2019-03-12, vendor fixes 232 rows "
            "/ newest 2020-06-09, raw sockets: needs CAP_NET_RAW)");
  f.raw_sockets = true;
  f.build_type = "";
  f.commit = "unknown";
  f.advisories = 1;
  f.vendor_fixes = 1;
  f.vendors_newest = "";
  EXPECT_EQ(VersionLine(f),
            "amtscope 0.1.0 (commit unknown, OpenSSL 3.0.11, advisories 1 "
            "entry / newest 2019-03-12, vendor fixes 1 row, raw sockets: "
            "available)");
}

TEST(VersionLineTest, CurrentFactsComeFromTheBuild) {
  BuildFacts f = CurrentBuildFacts();
  EXPECT_EQ(f.version, AMTSCOPE_VERSION);
  EXPECT_FALSE(f.commit.empty());
  EXPECT_FALSE(f.openssl.empty());
  EXPECT_GT(f.advisories, 0u);
  EXPECT_FALSE(f.advisories_newest.empty());
  EXPECT_GT(f.vendor_fixes, 0u);
  EXPECT_EQ(f.vendors_newest.size(), 10u) << f.vendors_newest;  // an ISO date
}

}  // namespace
}  // namespace amtscope::cli
