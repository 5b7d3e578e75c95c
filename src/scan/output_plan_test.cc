#include "scan/output_plan.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace amtscope {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(OutputPlanTest, FormatFollowsTheExtension) {
  EXPECT_EQ(FormatForPath("out.xml"), OutputFormat::kXml);
  EXPECT_EQ(FormatForPath("dir.v2/OUT.XML"), OutputFormat::kXml);
  EXPECT_EQ(FormatForPath("a.ndjson"), OutputFormat::kNdjson);
  EXPECT_EQ(FormatForPath("a.jsonl"), OutputFormat::kNdjson);
  EXPECT_EQ(FormatForPath("a.json"), OutputFormat::kNdjson);
  EXPECT_EQ(FormatForPath("a.csv"), OutputFormat::kCsv);
  EXPECT_EQ(FormatForPath("a.gnmap"), OutputFormat::kGnmap);
  EXPECT_EQ(FormatForPath("a.txt"), OutputFormat::kTable);
  EXPECT_EQ(FormatForPath(".xml"),
            OutputFormat::kTable);  // a name, not an extension
}

TEST(OutputPlanTest, DashOInfersUnlessFormatIsGiven) {
  ScanOptions o;
  EXPECT_THAT(*PlanOutputs(o),
              ElementsAre(OutputTarget{OutputFormat::kTable, ""}));
  o.output = "out.xml";
  EXPECT_THAT(*PlanOutputs(o),
              ElementsAre(OutputTarget{OutputFormat::kXml, "out.xml"}));
  o.format = OutputFormat::kCsv;
  EXPECT_THAT(*PlanOutputs(o),
              ElementsAre(OutputTarget{OutputFormat::kCsv, "out.xml"}));
}

TEST(OutputPlanTest, AllWritesFourFilesBesideStdout) {
  ScanOptions o;
  o.output_all = "base";
  o.output_xml = "extra.xml";
  EXPECT_THAT(*PlanOutputs(o),
              ElementsAre(OutputTarget{OutputFormat::kTable, ""},
                          OutputTarget{OutputFormat::kXml, "extra.xml"},
                          OutputTarget{OutputFormat::kTable, "base.nmap"},
                          OutputTarget{OutputFormat::kXml, "base.xml"},
                          OutputTarget{OutputFormat::kGnmap, "base.gnmap"},
                          OutputTarget{OutputFormat::kNdjson, "base.ndjson"}));
}

TEST(OutputPlanTest, DashSendsOneFormatToStdout) {
  ScanOptions o;
  o.output_xml = "-";
  EXPECT_THAT(*PlanOutputs(o),
              ElementsAre(OutputTarget{OutputFormat::kXml, ""}));
  o.format = OutputFormat::kCsv;  // asked for explicitly: two outputs on stdout
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
