#include "net/target_space.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <map>

#include "net/target_parse.h"

namespace amtscope {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Answers from a fixed table; never touches DNS.
class FakeResolver : public Resolver {
 public:
  std::map<std::string, std::vector<std::string>> names;
  int calls = 0;
  Result<std::vector<boost::asio::ip::address>> Resolve(
      std::string_view host) override {
    ++calls;
    auto it = names.find(std::string(host));
    if (it == names.end())
      return Status::NotFound(std::string(host) + ": unknown host");
    std::vector<boost::asio::ip::address> out;
    for (const auto& a : it->second)
      out.push_back(boost::asio::ip::make_address(a));
    return out;
  }
};

std::vector<std::string> All(const TargetSpace& space) {
  std::vector<std::string> out;
  for (uint64_t i = 0; i < space.size(); ++i)
    out.push_back(space.At(i).to_string());
  return out;
}

Result<TargetSpace> BuildFrom(std::vector<std::string> include,
                              std::vector<std::string> exclude = {}) {
  FakeResolver resolver;
  resolver.names["amt-lab.example"] = {"198.18.5.5", "::1"};
  return TargetSpace::Build({include, exclude, false}, resolver);
}

TEST(TargetSpaceTest, SingleAddressesDedupeAndSort) {
  auto space = BuildFrom({"198.18.0.9", "198.18.0.1", "198.18.0.9", "::1"});
  ASSERT_TRUE(space.ok()) << space.status().ToString();
  EXPECT_THAT(All(*space), ElementsAre("198.18.0.1", "198.18.0.9", "::1"));
}

TEST(TargetSpaceTest, CidrBlocks) {
  auto space = BuildFrom({"198.18.0.7/30"});
  ASSERT_TRUE(space.ok());
  EXPECT_THAT(All(*space), ElementsAre("198.18.0.4", "198.18.0.5", "198.18.0.6",
                                       "198.18.0.7"));
  auto v6 = BuildFrom({"2001:db8::/126"});
  ASSERT_TRUE(v6.ok());
  EXPECT_THAT(All(*v6), ElementsAre("2001:db8::", "2001:db8::1", "2001:db8::2",
                                    "2001:db8::3"));
  EXPECT_EQ(BuildFrom({"198.18.0.0/16"})->size(), 65536u);
  EXPECT_EQ(BuildFrom({"198.18.0.1/32"})->size(), 1u);
}

TEST(TargetSpaceTest, Ipv6PrefixLimit) {
  auto big = BuildFrom({"2001:db8::/64"});
  ASSERT_FALSE(big.ok());
  EXPECT_THAT(big.status().message(), HasSubstr("2001:db8::/64"));
  EXPECT_THAT(big.status().hint(), HasSubstr("/112"));
  EXPECT_EQ(BuildFrom({"2001:db8::/112"})->size(), 65536u);
}

TEST(TargetSpaceTest, RangesFullShortAndOctet) {
  EXPECT_THAT(
      All(*BuildFrom({"198.18.0.254-198.18.1.1"})),
      ElementsAre("198.18.0.254", "198.18.0.255", "198.18.1.0", "198.18.1.1"));
  EXPECT_THAT(All(*BuildFrom({"198.18.0.3-5"})),
              ElementsAre("198.18.0.3", "198.18.0.4", "198.18.0.5"));
  EXPECT_EQ(BuildFrom({"198.18.0-3.1-254"})->size(), 4u * 254u);
  EXPECT_THAT(All(*BuildFrom({"198.18.1,3.5"})),
              ElementsAre("198.18.1.5", "198.18.3.5"));
  auto star = BuildFrom({"198.18.*.1"});
  ASSERT_TRUE(star.ok());
  EXPECT_EQ(star->size(), 256u);
  EXPECT_EQ(star->At(255).to_string(), "198.18.255.1");
  EXPECT_EQ(BuildFrom({"198.18.0.-2"})->size(), 3u);
  EXPECT_EQ(BuildFrom({"198.18.0.250-"})->size(), 6u);
}

TEST(TargetSpaceTest, CommaAndSpaceSeparatedLists) {
  EXPECT_THAT(All(*BuildFrom({"198.18.0.1,198.18.0.3 198.18.0.2"})),
              ElementsAre("198.18.0.1", "198.18.0.2", "198.18.0.3"));
  EXPECT_THAT(All(*BuildFrom({"198.18.0.1,2,9"})),
              ElementsAre("198.18.0.1", "198.18.0.2", "198.18.0.9"));
  EXPECT_THAT(SplitTargetList("198.18.0.1,amt-lab.example ,198.18.1,3.5"),
              ElementsAre("198.18.0.1", "amt-lab.example", "198.18.1,3.5"));
}

TEST(TargetSpaceTest, HostNamesUseTheResolver) {
  FakeResolver resolver;
  resolver.names["amt-lab.example"] = {"198.18.5.5", "::1"};
  auto space = TargetSpace::Build({{"amt-lab.example"}, {}, false}, resolver);
  ASSERT_TRUE(space.ok());
  EXPECT_EQ(resolver.calls, 1);
  EXPECT_THAT(All(*space), ElementsAre("198.18.5.5", "::1"));
  auto block =
      TargetSpace::Build({{"amt-lab.example/30"}, {}, false}, resolver);
  ASSERT_FALSE(block.ok());  // ::1/30 is too large an IPv6 block
  resolver.names["v4only.example"] = {"198.18.5.5"};
  EXPECT_EQ(
      TargetSpace::Build({{"v4only.example/30"}, {}, false}, resolver)->size(),
      4u);
  auto missing = TargetSpace::Build({{"nohost.example"}, {}, false}, resolver);
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(), HasSubstr("'nohost.example'"));
  EXPECT_THAT(missing.status().message(), HasSubstr("cannot resolve"));
}

TEST(TargetSpaceTest, OverlapsMergeAndExcludesApply) {
  auto space =
      BuildFrom({"198.18.0.0/24", "198.18.0.128/25", "198.18.1.0-198.18.1.9"},
                {"198.18.0.0/25", "198.18.1.5", "198.18.9.0/24"});
  ASSERT_TRUE(space.ok());
  EXPECT_EQ(space->size(), 128u + 9u);
  EXPECT_EQ(space->At(0).to_string(), "198.18.0.128");
  EXPECT_FALSE(space->Contains(boost::asio::ip::make_address("198.18.1.5")));
  EXPECT_TRUE(space->Contains(boost::asio::ip::make_address("198.18.1.6")));
  EXPECT_FALSE(space->Contains(boost::asio::ip::make_address("198.18.0.1")));
  EXPECT_EQ(space->IndexOf(boost::asio::ip::make_address("198.18.1.6")),
            128 + 5);
  EXPECT_EQ(space->Ranges().size(),
            2u);  // .0.128-.1.4 (adjacent merge) and .1.6-.1.9
}

TEST(TargetSpaceTest, IndexOfInvertsAt) {
  auto space =
      BuildFrom({"198.18.0.0/22", "198.18.9.1-7", "::1", "2001:db8::/120"},
                {"198.18.1.0/24"});
  ASSERT_TRUE(space.ok());
  for (uint64_t i = 0; i < space->size(); ++i) {
    ASSERT_EQ(space->IndexOf(space->At(i)), static_cast<int64_t>(i));
  }
  EXPECT_EQ(space->IndexOf(boost::asio::ip::make_address("::2")), -1);
  EXPECT_EQ(space->IndexOf(boost::asio::ip::make_address("198.18.8.255")), -1);
}

TEST(TargetSpaceTest, EverythingExcludedOrNothingGiven) {
  auto all = BuildFrom({"198.18.0.0/24"}, {"198.18.0.0/16"});
  ASSERT_FALSE(all.ok());
  EXPECT_THAT(all.status().message(), HasSubstr("excluded"));
  EXPECT_FALSE(BuildFrom({}).ok());
}

TEST(TargetSpaceTest, RefusesMoreThan2To24WithoutConfirmation) {
  FakeResolver resolver;
  auto big = TargetSpace::Build({{"198.0.0.0/7"}, {}, false}, resolver);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(big.status().hint(), HasSubstr("--confirm-large"));
  EXPECT_TRUE(TargetSpace::Build({{"198.0.0.0/8"}, {}, false}, resolver)
                  .ok());  // exactly 2^24
  auto confirmed = TargetSpace::Build({{"0.0.0.0/0"}, {}, true}, resolver);
  ASSERT_TRUE(confirmed.ok());
  EXPECT_EQ(confirmed->size(), uint64_t{1} << 32);
  EXPECT_EQ(confirmed->At((uint64_t{1} << 32) - 1).to_string(),
            "255.255.255.255");
}

// docs/scale.md plans an IPv4-wide survey on this file: it must parse, and
// leave the public unicast space (2^32 minus the RFC 6890 blocks that are
// not globally reachable, multicast and class E).
TEST(TargetSpaceTest, InternetSurveyExcludeFileLeavesThePublicSpace) {
  auto excludes =
      ReadTargetFile(std::string(AMTSCOPE_SOURCE_DIR) +
                     "/deploy/examples/exclude-internet-survey.txt");
  ASSERT_TRUE(excludes.ok()) << excludes.status().ToString();
  FakeResolver resolver;
  auto space = TargetSpace::Build({{"0.0.0.0/0"}, *excludes, true}, resolver);
  ASSERT_TRUE(space.ok()) << space.status().ToString();
  EXPECT_EQ(space->size(), 3702258432u);
  for (const char* reserved : {"10.1.2.3", "127.0.0.1", "198.18.0.1",
                               "224.0.0.1", "255.255.255.255", "100.64.0.1"}) {
    EXPECT_FALSE(space->Contains(boost::asio::ip::make_address(reserved)))
        << reserved;
  }
  EXPECT_TRUE(space->Contains(boost::asio::ip::make_address("1.1.1.1")));
}

TEST(TargetSpaceTest, ParseErrorsNameTheEntryAndHint) {
  for (const char* bad :
       {"198.18.0.300", "198.18.0.0/33", "198.18.0.9-198.18.0.1",
        "198.18.0.5-3", "198.18.0", "198.18.0.1.2", "bad$host",
        "198.18.0.1-::1", "2001:db8::/abc", "fe80::1%eth0"}) {
    auto result = BuildFrom({bad});
    ASSERT_FALSE(result.ok()) << bad;
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_THAT(result.status().message(),
                HasSubstr(std::string("'") + bad + "'"))
        << bad;
    EXPECT_FALSE(result.status().hint().empty()) << bad;
    EXPECT_EQ(result.status().ToString().find('\n'), std::string::npos) << bad;
  }
}

TEST(TargetSpaceTest, Describe) {
  EXPECT_EQ(BuildFrom({"198.18.0.0/24"})->Describe(),
            "256 addresses in 1 range (198.18.0.0-198.18.0.255)");
  EXPECT_EQ(BuildFrom({"198.18.0.1", "198.18.0.3"})->Describe(),
            "2 addresses in 2 ranges");
}

TEST(TargetFileTest, NmapListsWithComments) {
  EXPECT_THAT(ParseTargetLines(
                  "# lab\n198.18.0.1 198.18.0.2\n\n198.18.1.0/30 # rack 1\r\n"),
              ElementsAre("198.18.0.1", "198.18.0.2", "198.18.1.0/30"));
}

TEST(TargetFileTest, MasscanListOutput) {
  EXPECT_THAT(ParseTargetLines(
                  "#masscan\nopen tcp 16992 198.18.0.5 1690000000\n"
                  "closed tcp 16993 198.18.0.6 1690000000\n"
                  "banner tcp 16992 198.18.0.7 1690000000 http Server: AMT\n"
                  "# end\n"),
              ElementsAre("198.18.0.5", "198.18.0.7"));
}

TEST(TargetFileTest, ZmapOutput) {
  EXPECT_THAT(ParseTargetLines("198.18.0.5\n198.18.0.6\n"),
              ElementsAre("198.18.0.5", "198.18.0.6"));
  EXPECT_THAT(ParseTargetLines(
                  "saddr,daddr,sport,dport\n198.18.0.5,198.18.9.9,16992,40000\n"
                  "198.18.0.6,198.18.9.9,16992,40001\n"),
              ElementsAre("198.18.0.5", "198.18.0.6"));
  EXPECT_THAT(ParseTargetLines("classification,saddr\nsynack,198.18.0.8\n"),
              ElementsAre("198.18.0.8"));
}

TEST(TargetFileTest, ReadsFilesAndNamesMissingOnes) {
  std::string path = ::testing::TempDir() + "/targets.txt";
  FILE* f = std::fopen(path.c_str(), "w");
  std::fputs("198.18.0.1\n198.18.0.2-3\n", f);
  std::fclose(f);
  auto entries = ReadTargetFile(path);
  ASSERT_TRUE(entries.ok());
  EXPECT_THAT(*entries, ElementsAre("198.18.0.1", "198.18.0.2-3"));
  auto missing = ReadTargetFile(path + ".none");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("targets.txt.none"));
}

// Issue 9 item 12 / issue 10 items 4-5: target input that is not a target.
TEST(TargetSpaceTest, PortsAndUrlsSayPortsGoInDashP) {
  for (const char* bad : {"198.18.0.1:16992", "amt-lab.example:16993",
                          "[::1]:16992", "http://198.18.0.1/index.htm"}) {
    auto result = BuildFrom({bad});
    ASSERT_FALSE(result.ok()) << bad;
    EXPECT_THAT(result.status().hint(), HasSubstr("ports go in -p")) << bad;
  }
}

TEST(TargetSpaceTest, ABadExcludeIsNamedAsAnExclude) {
  auto result = BuildFrom({"198.18.0.0/24"}, {"198.18.0.300"});
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.status().message(),
              HasSubstr("bad exclude '198.18.0.300'"));
}

TEST(TargetSpaceTest, BadEntriesAreQuotedShortAndEscaped) {
  auto result =
      BuildFrom({std::string("\x1b]0;PWNED\x07") + std::string(5000, 'x')});
  ASSERT_FALSE(result.ok());
  EXPECT_LT(result.status().message().size(), 300u);
  EXPECT_EQ(result.status().message().find('\x1b'), std::string::npos);
}

std::string WriteTemp(const std::string& name, const std::string& text) {
  std::string path =
      ::testing::TempDir() + "/" + std::to_string(getpid()) + "_" + name;
  FILE* f = std::fopen(path.c_str(), "wb");
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
  return path;
}

TEST(TargetFileTest, BomIsSkippedAndDirectoriesAreRefused) {
  auto entries = ReadTargetFile(WriteTemp("bom.txt",
                                          "\xEF\xBB\xBF"
                                          "198.18.0.1\n"));
  ASSERT_TRUE(entries.ok()) << entries.status().ToString();
  EXPECT_THAT(*entries, ElementsAre("198.18.0.1"));
  auto dir = ReadTargetFile(::testing::TempDir());
  ASSERT_FALSE(dir.ok());
  EXPECT_THAT(dir.status().message(), HasSubstr("is a directory"));
}

TEST(TargetFileTest, EndlessOrOneLineFilesAreBounded) {
  auto zero = ReadTargetFile("/dev/zero");  // no newline ever
  ASSERT_FALSE(zero.ok());
  EXPECT_THAT(zero.status().message(), HasSubstr("longer than 4096 bytes"));
  EXPECT_LT(zero.status().message().size(), 300u);
  auto line =
      ReadTargetFile(WriteTemp("long.txt", std::string(1 << 20, '1') + "\n"));
  ASSERT_FALSE(line.ok());
  EXPECT_LT(line.status().message().size(), 300u);
}

}  // namespace
}  // namespace amtscope
