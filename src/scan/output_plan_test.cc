#include "scan/output_plan.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace amtscope {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(OutputPlanTest, FormatFollowsTheExtension) {
  EXPECT_EQ(FormatForPath("out.xml"), "xml");
  EXPECT_EQ(FormatForPath("dir.v2/OUT.XML"), "xml");
  EXPECT_EQ(FormatForPath("a.ndjson"), "ndjson");
  EXPECT_EQ(FormatForPath("a.jsonl"), "ndjson");
  EXPECT_EQ(FormatForPath("a.json"), "ndjson");
  EXPECT_EQ(FormatForPath("a.csv"), "csv");
  EXPECT_EQ(FormatForPath("a.gnmap"), "gnmap");
  EXPECT_EQ(FormatForPath("a.txt"), "table");
  EXPECT_EQ(FormatForPath(".xml"), "table");  // a name, not an extension
}

TEST(OutputPlanTest, DashOInfersUnlessFormatIsGiven) {
  ScanOptions o;
  EXPECT_THAT(*PlanOutputs(o), ElementsAre(OutputTarget{"table", ""}));
  o.output = "out.xml";
  EXPECT_THAT(*PlanOutputs(o), ElementsAre(OutputTarget{"xml", "out.xml"}));
  o.format = "csv";
  EXPECT_THAT(*PlanOutputs(o), ElementsAre(OutputTarget{"csv", "out.xml"}));
}

TEST(OutputPlanTest, AllWritesFourFilesBesideStdout) {
  ScanOptions o;
  o.output_all = "base";
  o.output_xml = "extra.xml";
  EXPECT_THAT(
      *PlanOutputs(o),
      ElementsAre(OutputTarget{"table", ""}, OutputTarget{"xml", "extra.xml"},
                  OutputTarget{"table", "base.nmap"},
                  OutputTarget{"xml", "base.xml"},
                  OutputTarget{"gnmap", "base.gnmap"},
                  OutputTarget{"ndjson", "base.ndjson"}));
}

TEST(OutputPlanTest, DashSendsOneFormatToStdout) {
  ScanOptions o;
  o.output_xml = "-";
  EXPECT_THAT(*PlanOutputs(o), ElementsAre(OutputTarget{"xml", ""}));
  o.format = "csv";  // asked for explicitly: two outputs on stdout
  auto both = PlanOutputs(o);
  ASSERT_FALSE(both.ok());
  EXPECT_THAT(both.status().message(), HasSubstr("stdout"));
}

TEST(OutputPlanTest, RefusesTheSameFileTwiceAndDashForAll) {
  ScanOptions o;
  o.output = "x.xml";
  o.output_xml = "x.xml";
  auto twice = PlanOutputs(o);
  ASSERT_FALSE(twice.ok());
  EXPECT_THAT(twice.status().message(), HasSubstr("'x.xml'"));
  ScanOptions all;
  all.output_all = "-";
  EXPECT_FALSE(PlanOutputs(all).ok());
  EXPECT_EQ(PlanOutputs(all).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace amtscope
