#include "fleetreport/report_data.h"

#include <gtest/gtest.h>

#include "fleetreport/fleet_testutil.h"
#include "fleetreport/svg_chart.h"

namespace amtscope {
namespace {

TEST(ReportDataTest, NetworkIsSiteElseSubnet) {
  Device d;
  d.ip = "198.18.7.200";
  EXPECT_EQ(NetworkOf(d), "198.18.7.0/24");
  d.ip = "2001:db8:1:2:3:4:5:6";
  EXPECT_EQ(NetworkOf(d), "2001:db8:1:2::/64");
  d.site = "building-c";
  EXPECT_EQ(NetworkOf(d), "building-c");
}

TEST(ReportDataTest, FirmwareLinesAlwaysSixToSixteen) {
  auto inv = testing::FreshInventory("lines");
  testing::RecordKnownFleet(*inv, "");
  auto fleet = LoadFleet(*inv, {});
  ASSERT_TRUE(fleet.ok());
  auto lines = ByFirmwareLine(*fleet);
  ASSERT_EQ(lines.size(), 12u);  // 6.x..16.x and "unknown" (C)
  EXPECT_EQ(lines[0].label, "6.x");
  EXPECT_EQ(lines[2].label, "8.x");
  EXPECT_EQ(lines[2].not_vulnerable, 1u);  // A, patched
  EXPECT_EQ(lines[3].vulnerable, 1u);      // E on 9.5
  EXPECT_EQ(lines[5].not_vulnerable, 1u);  // B on 11.8
  EXPECT_EQ(lines[11].label, "unknown");
  EXPECT_EQ(lines[11].unknown, 1u);
}

TEST(ReportDataTest, NetworksMostVulnerableFirst) {
  auto inv = testing::FreshInventory("nets");
  testing::RecordKnownFleet(*inv, "");
  auto fleet = LoadFleet(*inv, {});
  ASSERT_TRUE(fleet.ok());
  auto nets = ByNetwork(*fleet);
  ASSERT_EQ(nets.size(), 3u);
  EXPECT_EQ(nets[0].label, "198.18.2.0/24");
  EXPECT_EQ(nets[0].vulnerable, 1u);
  EXPECT_EQ(nets[1].label, "198.18.0.0/24");  // 2 AMT devices
  EXPECT_EQ(nets[1].total(), 2u);
}

TEST(ReportDataTest, FixIsTheNewestFirstFixedBuild) {
  auto db = AdvisoryDb::Embedded();
  ASSERT_TRUE(db.ok());
  Finding f = testing::ReportObs("198.18.0.1", 16992, ScanVerdict::kVulnerable,
                                 "8.1.40", "", {})
                  .finding;
  f.advisories = {"INTEL-SA-00075"};
  EXPECT_EQ(FixText(f, *db), "8.1.71.3608 or later");
  f.advisories = {};
  f.verdict = ScanVerdict::kNotVulnerable;
  EXPECT_EQ(FixText(f, *db), "");
}

TEST(ReportDataTest, EvidenceSaysWhichRequestGotWhichStatus) {
  Finding f = testing::ReportObs("198.18.0.1", 16992, ScanVerdict::kVulnerable,
                                 "8.1.40", "", {})
                  .finding;
  EXPECT_EQ(EvidenceText(f),
            "/index.htm: no auth 401, empty digest 200, wrong digest 401");
}

TEST(ReportDataTest, PortUriBracketsIpv6) {
  Finding f;
  f.ip = "198.18.0.5";
  f.port = 16992;
  EXPECT_EQ(PortUri(f), "http://198.18.0.5:16992/");
  f.ip = "::1";
  f.port = 16993;
  f.tls = true;
  EXPECT_EQ(PortUri(f), "https://[::1]:16993/");
}

TEST(ReportDataTest, NiceCeiling) {
  EXPECT_EQ(NiceCeiling(0), 1u);
  EXPECT_EQ(NiceCeiling(1), 1u);
  EXPECT_EQ(NiceCeiling(7), 8u);
  EXPECT_EQ(NiceCeiling(10), 10u);
  EXPECT_EQ(NiceCeiling(13), 15u);  // step 5
  EXPECT_EQ(NiceCeiling(19999), 20000u);
}

}  // namespace
}  // namespace amtscope
