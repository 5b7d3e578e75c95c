#include "fleetreport/fleet.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "fleetreport/fleet_testutil.h"
#include "fleetreport/report_data.h"

namespace amtscope {
namespace {

using testing::Day;
using testing::FreshInventory;
using testing::RecordKnownFleet;

const FleetDevice* ByIp(const Fleet& f, const std::string& ip) {
  for (const FleetDevice& d : f.devices) {
    if (d.device.ip == ip) return &d;
  }
  return nullptr;
}

TEST(FleetTest, DevicesAreTheInventoryDevicesQuery) {
  auto inv = FreshInventory("same_query");
  RecordKnownFleet(*inv, "hq");
  auto fleet = LoadFleet(*inv, {});
  ASSERT_TRUE(fleet.ok()) << fleet.status().ToString();
  auto devices = inv->Devices({});
  ASSERT_TRUE(devices.ok());
  ASSERT_EQ(fleet->devices.size(), devices->size());
  for (size_t i = 0; i < devices->size(); ++i) {
    EXPECT_EQ(fleet->devices[i].device.id, (*devices)[i].id);
    EXPECT_EQ(fleet->devices[i].device.verdict, (*devices)[i].verdict);
    EXPECT_EQ(fleet->devices[i].device.ip, (*devices)[i].ip);
  }
}

TEST(FleetTest, SummaryCountsTheKnownFleet) {
  auto inv = FreshInventory("summary");
  RecordKnownFleet(*inv, "hq");
  auto fleet = LoadFleet(*inv, {});
  ASSERT_TRUE(fleet.ok());
  FleetSummary s = Summarize(*fleet);
  EXPECT_EQ(s.devices, 5u);         // A B C D E
  EXPECT_EQ(s.amt, 4u);             // D is not AMT
  EXPECT_EQ(s.vulnerable, 1u);      // E
  EXPECT_EQ(s.not_vulnerable, 2u);  // A (patched), B
  EXPECT_EQ(s.unknown, 1u);         // C
  EXPECT_EQ(s.fixed, 1u);           // A
  ASSERT_TRUE(s.added.has_value());
  EXPECT_EQ(*s.added, 1u);  // E
}

TEST(FleetTest, OneScanHasNoNewCount) {
  auto inv = FreshInventory("one_scan");
  testing::RecordScan(
      *inv, Day(0), "",
      {testing::ReportObs("198.18.0.10", 16992, ScanVerdict::kVulnerable,
                          "8.1.40", "", Day(0))});
  auto fleet = LoadFleet(*inv, {});
  ASSERT_TRUE(fleet.ok());
  EXPECT_FALSE(Summarize(*fleet).added.has_value());
  EXPECT_EQ(Summarize(*fleet).vulnerable, 1u);
}

TEST(FleetTest, TrendTalliesEachScanOldestFirst) {
  auto inv = FreshInventory("trend");
  auto [s1, s2] = RecordKnownFleet(*inv, "hq");
  auto fleet = LoadFleet(*inv, {});
  ASSERT_TRUE(fleet.ok());
  ASSERT_EQ(fleet->scans.size(), 2u);
  EXPECT_EQ(fleet->scans[0].scan.id, s1);
  EXPECT_EQ(fleet->scans[0].vulnerable, 1u);
  EXPECT_EQ(fleet->scans[0].not_vulnerable, 1u);
  EXPECT_EQ(fleet->scans[0].unknown, 1u);
  EXPECT_EQ(fleet->scans[1].scan.id, s2);
  EXPECT_EQ(fleet->scans[1].vulnerable, 1u);
  EXPECT_EQ(fleet->scans[1].not_vulnerable, 2u);
  EXPECT_EQ(fleet->scans[1].unknown, 1u);
}

TEST(FleetTest, AsOfAScanShowsThatScansVerdicts) {
  auto inv = FreshInventory("as_of");
  auto [s1, s2] = RecordKnownFleet(*inv, "hq");
  auto fleet = LoadFleet(*inv, {"", s1, std::nullopt});
  ASSERT_TRUE(fleet.ok());
  EXPECT_EQ(fleet->devices.size(), 4u);  // E not yet seen
  ASSERT_NE(ByIp(*fleet, "198.18.0.10"), nullptr);
  EXPECT_EQ(ByIp(*fleet, "198.18.0.10")->device.verdict,
            ScanVerdict::kVulnerable);
  EXPECT_EQ(ByIp(*fleet, "198.18.0.10")->device.version, "8.1.40");
  EXPECT_EQ(fleet->scans.size(), 1u);
  FleetSummary s = Summarize(*fleet);
  EXPECT_EQ(s.vulnerable, 1u);  // A, not yet patched
  EXPECT_EQ(s.fixed, 0u);       // A's fix comes with scan 2
  EXPECT_FALSE(s.added.has_value());
  EXPECT_FALSE(LoadFleet(*inv, {"", 99, std::nullopt}).ok());
}

TEST(FleetTest, SiteAndSinceFilter) {
  auto inv = FreshInventory("filters");
  RecordKnownFleet(*inv, "hq");
  testing::RecordScan(
      *inv, Day(10), "branch",
      {testing::ReportObs("198.19.5.1", 16992, ScanVerdict::kVulnerable,
                          "10.0.47", "", Day(10))});
  auto hq = LoadFleet(*inv, {"hq", 0, std::nullopt});
  ASSERT_TRUE(hq.ok());
  EXPECT_EQ(hq->devices.size(), 5u);
  EXPECT_EQ(hq->scans.size(), 2u);
  auto branch = LoadFleet(*inv, {"branch", 0, std::nullopt});
  ASSERT_TRUE(branch.ok());
  ASSERT_EQ(branch->devices.size(), 1u);
  EXPECT_EQ(NetworkOf(branch->devices[0].device), "branch");
  auto since = LoadFleet(*inv, {"", 0, Day(5)});
  ASSERT_TRUE(since.ok());
  EXPECT_EQ(since->scans.size(), 2u);    // scan 2 and the branch scan
  EXPECT_EQ(since->devices.size(), 5u);  // D was last seen on Day 0
}

TEST(FleetTest, PortsAreMostSevereFirst) {
  auto inv = FreshInventory("ports");
  const std::string realm = "Digest:0C1B2C3D0000000000000000000000C3";
  testing::RecordScan(
      *inv, Day(0), "",
      {testing::ReportObs("198.18.3.3", 16992, ScanVerdict::kNotVulnerable,
                          "8.1.40", realm, Day(0)),
       testing::ReportObs("198.18.3.3", 16993, ScanVerdict::kVulnerable,
                          "8.1.40", realm, Day(0))});
  auto fleet = LoadFleet(*inv, {});
  ASSERT_TRUE(fleet.ok());
  ASSERT_EQ(fleet->devices.size(), 1u);
  const FleetDevice& d = fleet->devices[0];
  ASSERT_EQ(d.ports.size(), 2u);
  EXPECT_EQ(d.ports[0].finding.port, 16993);
  EXPECT_EQ(PortsText(d), "16992, 16993");
  EXPECT_EQ(TlsText(d), "TLSv1.2");
}

}  // namespace
}  // namespace amtscope
