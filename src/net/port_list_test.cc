#include "net/port_list.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace amtscope {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(PortListTest, ListsRangesAndDefaults) {
  EXPECT_THAT(*ParsePortList(kDefaultPorts), ElementsAre(16992, 16993));
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

TEST(PortListTest, AmtPortKnowledge) {
  EXPECT_TRUE(IsAmtPort(623));
  EXPECT_TRUE(IsAmtPort(16993));
  EXPECT_FALSE(IsAmtPort(80));
  EXPECT_TRUE(IsAmtTlsPort(664));
  EXPECT_TRUE(IsAmtTlsPort(16993));
  EXPECT_FALSE(IsAmtTlsPort(16992));
  EXPECT_FALSE(IsAmtTlsPort(623));
  EXPECT_EQ(ServiceName(16992, false), "amt-soap-http");
  EXPECT_EQ(ServiceName(664, true), "amt-soap-https");
  EXPECT_EQ(ServiceName(16994, false), "amt-redir-tcp");
  EXPECT_EQ(ServiceName(8080, false), "http");
}

}  // namespace
}  // namespace amtscope
