#include "fleetreport/fleet_testutil.h"

#include <gtest/gtest.h>
#include <unistd.h>

namespace amtscope::testing {

Observation ReportObs(std::string ip, uint16_t port, ScanVerdict verdict,
                      std::string version, std::string realm, TimePoint time) {
  Observation o;
  Finding& f = o.finding;
  f.ip = std::move(ip);
  f.port = port;
  f.amt = verdict != ScanVerdict::kNotAmt;
  f.product = f.amt ? "amt" : "";
  f.tls = port == 16993;
  f.tls_version = f.tls ? "TLSv1.2" : "";
  auto v = FirmwareVersion::Parse(version);
  if (v.ok()) f.version = *v;
  f.realm = std::move(realm);
  f.verdict = verdict;
  f.basis = verdict == ScanVerdict::kUnknown ? VerdictBasis::kNone
                                             : VerdictBasis::kBypass;
  if (verdict == ScanVerdict::kVulnerable) {
    f.advisories = {"INTEL-SA-00075", "INTEL-SA-00086"};
    f.bypass_status = 200;
    f.control_status = 401;
  } else if (verdict == ScanVerdict::kNotVulnerable) {
    f.bypass_status = 401;
  }
  f.first_status = f.amt ? 401 : 200;
  f.resource = f.amt ? "/index.htm" : "";
  f.time = time;
  return o;
}

int64_t RecordScan(Inventory& inv, TimePoint start, std::string site,
                   std::vector<Observation> obs) {
  ScanRecord r;
  r.start = start;
  r.command_line = "amtscope scan 198.18.0.0/22 --site " + site;
  r.targets = {"198.18.0.0/22"};
  r.ports = {16992, 16993, 80};
  r.site = std::move(site);
  auto id = inv.BeginScan(r);
  EXPECT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_TRUE(inv.AddObservations(*id, obs).ok());
  RunStats stats;
  stats.open_ports = obs.size();
  stats.end = start + std::chrono::minutes(3);
  EXPECT_TRUE(inv.FinishScan(*id, ScanStatus::kDone, stats).ok());
  return *id;
}

TimePoint Day(int days) {
  // 2026-11-01T00:00:00Z
  return TimePoint(std::chrono::seconds(1793491200)) +
         std::chrono::hours(24 * days);
}

std::unique_ptr<Inventory> FreshInventory(const std::string& name) {
  std::string path = ::testing::TempDir() + "/fleet_" +
                     std::to_string(getpid()) + "_" + name + ".sqlite";
  std::remove(path.c_str());
  auto inv = OpenInventory(path);
  EXPECT_TRUE(inv.ok()) << inv.status().ToString();
  return std::move(*inv);
}

std::pair<int64_t, int64_t> RecordKnownFleet(Inventory& inv,
                                             const std::string& site) {
  const std::string ra = "Digest:0A1B2C3D0000000000000000000000A1";
  const std::string rb = "Digest:0B1B2C3D0000000000000000000000B2";
  TimePoint t1 = Day(0) + std::chrono::seconds(30);
  int64_t s1 = RecordScan(
      inv, Day(0), site,
      {ReportObs("198.18.0.10", 16992, ScanVerdict::kVulnerable, "8.1.40", ra,
                 t1),
       ReportObs("198.18.0.11", 16992, ScanVerdict::kNotVulnerable,
                 "11.8.50.3425", rb, t1),
       ReportObs("198.18.1.5", 16993, ScanVerdict::kUnknown, "", "", t1),
       ReportObs("198.18.1.6", 80, ScanVerdict::kNotAmt, "", "", t1)});
  TimePoint t2 = Day(7) + std::chrono::seconds(30);
  int64_t s2 = RecordScan(
      inv, Day(7), site,
      {ReportObs("198.18.0.10", 16992, ScanVerdict::kNotVulnerable,
                 "8.1.71.3608", ra, t2),
       ReportObs("198.18.0.11", 16992, ScanVerdict::kNotVulnerable,
                 "11.8.50.3425", rb, t2),
       ReportObs("198.18.1.5", 16993, ScanVerdict::kUnknown, "", "", t2),
       ReportObs("198.18.2.7", 16992, ScanVerdict::kVulnerable, "9.5.30",
                 "Digest:0E1B2C3D0000000000000000000000E5", t2)});
  return {s1, s2};
}

}  // namespace amtscope::testing
