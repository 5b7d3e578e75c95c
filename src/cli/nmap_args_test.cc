#include "cli/nmap_args.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace amtscope::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(NmapArgsTest, OutputFlagsBecomeLongFormsWithTheirFile) {
  auto args =
      RewriteNmapStyleArgs({"scan", "127.0.0.1", "-oX", "x.xml", "-oA", "base",
                            "-oN", "n", "-oG", "g", "-oJ", "j", "-iL", "-"});
  ASSERT_TRUE(args.ok()) << args.status().ToString();
  EXPECT_THAT(*args,
              ElementsAre("scan", "127.0.0.1", "--oX", "x.xml", "--oA", "base",
                          "--oN", "n", "--oG", "g", "--oJ", "j", "--iL", "-"));
}

TEST(NmapArgsTest, DoubleVerboseIsThePacketTrace) {
  auto args = RewriteNmapStyleArgs({"scan", "-vv", "127.0.0.1"});
  ASSERT_TRUE(args.ok()) << args.status().ToString();
  EXPECT_THAT(*args, ElementsAre("scan", "--packet-trace", "127.0.0.1"));
}

TEST(NmapArgsTest, UnknownSingleDashWordsAreErrorsNotTargets) {
  for (std::string bad :
       {"-oL", "-oS", "-ox.xml", "-Pn", "-sV", "-T4", "-vvv", "-iR", "-qq"}) {
    auto args = RewriteNmapStyleArgs({"scan", "127.0.0.1", bad, "file"});
    ASSERT_FALSE(args.ok()) << bad;
    EXPECT_EQ(args.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(args.status().message(), HasSubstr("'" + bad + "'"));
    EXPECT_FALSE(args.status().hint().empty()) << bad;
  }
}

TEST(NmapArgsTest, ValuesAndAttachedPortsAreLeftAlone) {
  // A value that starts with a dash belongs to its option; "-p16992" is
  // nmap's attached form; after "--" everything is a target.
  auto args = RewriteNmapStyleArgs({"--vendors", "v.json", "scan", "-p16992",
                                    "--exclude", "-oX", "--timeout=2s", "-p",
                                    "-1", "-q", "127.0.0.1", "--", "-oL"});
  ASSERT_TRUE(args.ok()) << args.status().ToString();
  EXPECT_THAT(*args, ElementsAre("--vendors", "v.json", "scan", "-p16992",
                                 "--exclude", "-oX", "--timeout=2s", "-p", "-1",
                                 "-q", "127.0.0.1", "--", "-oL"));
}

TEST(NmapArgsTest, OtherSubcommandsAreUntouched) {
  std::vector<std::string> match = {"advisories", "match", "--", "-1.0"};
  EXPECT_EQ(*RewriteNmapStyleArgs(match), match);
  std::vector<std::string> emulate = {"emulate", "-oX", "scan"};
  EXPECT_EQ(*RewriteNmapStyleArgs(emulate), emulate);
  std::vector<std::string> global = {"--advisories", "scan", "lookup", "-xy"};
  EXPECT_EQ(*RewriteNmapStyleArgs(global), global);
}

}  // namespace
}  // namespace amtscope::cli
