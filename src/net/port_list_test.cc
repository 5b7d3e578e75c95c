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

}  // namespace
}  // namespace amtscope
