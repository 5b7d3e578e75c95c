#include "net/port_list.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace amtscope {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(PortListTest, ListsRangesAndDefaults) {
  auto defaults = ParsePortSpec(kDefaultPorts);
  ASSERT_TRUE(defaults.ok());
  EXPECT_THAT(defaults->tcp, ElementsAre(623, 664, 16992, 16993));
  EXPECT_THAT(defaults->udp, ElementsAre(623));
  EXPECT_THAT(*ParsePortList("16993, 623,16992-16993,664"),
              ElementsAre(623, 664, 16992, 16993));
  EXPECT_THAT(*ParsePortList("65534-"), ElementsAre(65534, 65535));
  EXPECT_THAT(*ParsePortList("-2"), ElementsAre(1, 2));
  EXPECT_EQ(ParsePortList("-")->size(), 65535u);
}

TEST(PortListTest, ErrorsNameTheItem) {
  for (const char* bad :
       {"0", "65536", "16993-16992", "http", "1,,2", "", "12a"}) {
    auto result = ParsePortList(bad);
    ASSERT_FALSE(result.ok()) << bad;
    EXPECT_THAT(result.status().message(), HasSubstr("bad port")) << bad;
    EXPECT_THAT(result.status().hint(), HasSubstr("16992")) << bad;
  }
  EXPECT_THAT(ParsePortList("16992,70000").status().message(),
              HasSubstr("'70000'"));
}

TEST(PortListTest, FormatsLikeNmapServices) {
  EXPECT_EQ(FormatPortList({16992, 16993}), "16992-16993");
  EXPECT_EQ(FormatPortList({623, 664, 16992, 16993, 16995}),
            "623,664,16992-16993,16995");
  EXPECT_EQ(FormatPortList({}), "");
}

TEST(PortSpec, NmapProtocolPrefixes) {
  auto both = ParsePortSpec("T:16992,16993,U:623");
  ASSERT_TRUE(both.ok());
  EXPECT_THAT(both->tcp, ElementsAre(16992, 16993));
  EXPECT_THAT(both->udp, ElementsAre(623));
  EXPECT_EQ(FormatPortSpec(*both), "T:16992-16993,U:623");
  auto plain = ParsePortSpec("16992, 623");  // no prefix: TCP only
  ASSERT_TRUE(plain.ok());
  EXPECT_THAT(plain->tcp, ElementsAre(623, 16992));
  EXPECT_TRUE(plain->udp.empty());
  EXPECT_EQ(FormatPortSpec(*plain), "623,16992");
  auto udp = ParsePortSpec("u:623,664");
  ASSERT_TRUE(udp.ok());
  EXPECT_TRUE(udp->tcp.empty());
  EXPECT_THAT(udp->udp, ElementsAre(623, 664));
  EXPECT_EQ(FormatPortSpec(*udp), "U:623,664");
  auto round = ParsePortSpec(FormatPortSpec(*both));
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->tcp, both->tcp);
  EXPECT_EQ(round->udp, both->udp);
  for (const char* bad :
       {"X:623", "T:", "U:,623", "T:16992,", "", "U:0", "T:1-2,U:70000"}) {
    EXPECT_FALSE(ParsePortSpec(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace amtscope
