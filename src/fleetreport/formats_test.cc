#include "fleetreport/formats.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "fleetreport/fleet_testutil.h"

namespace amtscope {
namespace {

using nlohmann::json;

size_t Count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string::npos;
       at = hay.find(needle, at + needle.size()))
    ++n;
  return n;
}

class FormatsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = AdvisoryDb::Embedded();
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
    auto vendors = VendorDb::Embedded();
    ASSERT_TRUE(vendors.ok());
    vendors_ = std::move(*vendors);
    context_ = {&db_, &vendors_, "amtscope test", testing::Day(8)};
  }

  Fleet Known(const std::string& name, const std::string& site = "hq") {
    inv_ = testing::FreshInventory(name);
    scans_ = testing::RecordKnownFleet(*inv_, site);
    auto fleet = LoadFleet(*inv_, {});
    EXPECT_TRUE(fleet.ok());
    return *fleet;
  }

  AdvisoryDb db_;
  VendorDb vendors_;
  ReportContext context_;
  std::unique_ptr<Inventory> inv_;
  std::pair<int64_t, int64_t> scans_;
};

TEST_F(FormatsTest, HtmlCardsAndCharts) {
  std::string html = HtmlReport(Known("html"), context_);
  EXPECT_NE(html.find("id=\"card-amt\"><span class=\"num\">4<"),
            std::string::npos);
  EXPECT_NE(html.find("id=\"card-vuln\"><span class=\"num\">1<"),
            std::string::npos);
  EXPECT_NE(html.find("id=\"card-fixed\"><span class=\"num\">1<"),
            std::string::npos);
  EXPECT_NE(html.find("id=\"card-new\"><span class=\"num\">1<"),
            std::string::npos);
  EXPECT_EQ(Count(html, "<circle class=\"pt "), 6u);  // 3 series x 2 scans
  // 5 devices, 1 network (all "hq"), 2 advisories (E's), 2 scans.
  EXPECT_EQ(Count(html, "<tr><td>"), 5u + 1u + 2u + 2u);
}

TEST_F(FormatsTest, HtmlRefersToNothingOutside) {
  std::string html = HtmlReport(Known("offline"), context_);
  for (const char* bad : {"src=", "<link", "@import", "url(", "<iframe", "<img",
                          "fetch(", "XMLHttpRequest"}) {
    EXPECT_EQ(html.find(bad), std::string::npos) << bad;
  }
  EXPECT_NE(html.find("Content-Security-Policy"), std::string::npos);
}

TEST_F(FormatsTest, HtmlEscapesWhatPeersAndUsersSent) {
  std::string html =
      HtmlReport(Known("escape", "<script>alert(1)</script>"), context_);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"),
            std::string::npos);
}

TEST_F(FormatsTest, SarifHasRulesResultsAndStableFingerprints) {
  Fleet now = Known("sarif");
  json doc = json::parse(SarifReport(now, context_));
  EXPECT_EQ(doc["version"], "2.1.0");
  const json& run = doc["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["rules"].size(), db_.advisories().size());
  const json& rule = run["tool"]["driver"]["rules"][0];
  EXPECT_EQ(rule["id"], "INTEL-SA-00075");
  EXPECT_EQ(rule["properties"]["cves"][0], "CVE-2017-5689");
  EXPECT_TRUE(rule["helpUri"].get<std::string>().starts_with("https://"));
  ASSERT_EQ(run["results"].size(), 2u);  // E vulnerable, C unknown
  std::map<std::string, json> by_uri;
  for (const json& r : run["results"]) {
    by_uri[r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]] =
        r;
  }
  ASSERT_TRUE(by_uri.count("http://198.18.2.7:16992/"));
  ASSERT_TRUE(by_uri.count("https://198.18.1.5:16993/"));
  EXPECT_EQ(by_uri["http://198.18.2.7:16992/"]["level"], "error");
  EXPECT_EQ(by_uri["https://198.18.1.5:16993/"]["level"], "note");
  // C as scan 1 saw it has the fingerprint it has now.
  auto then = LoadFleet(*inv_, {"", scans_.first, std::nullopt});
  ASSERT_TRUE(then.ok());
  json old = json::parse(SarifReport(*then, context_));
  std::string before, after;
  for (const json& r : old["runs"][0]["results"]) {
    if (r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "https://198.18.1.5:16993/")
      before = r["partialFingerprints"]["amtscopeDevicePort/v1"];
  }
  after = by_uri["https://198.18.1.5:16993/"]["partialFingerprints"]
                ["amtscopeDevicePort/v1"];
  EXPECT_FALSE(before.empty());
  EXPECT_EQ(before, after);
}

TEST_F(FormatsTest, FingerprintFollowsTheDeviceNotTheAddress) {
  Device d;
  d.ip = "198.18.0.1";
  d.realm = "Digest:0A1B2C3D0000000000000000000000A1";
  d.product = "amt";
  d.version = "8.1.40";
  std::string a = DeviceFingerprint(d, 16992);
  d.ip = "198.18.0.99";       // moved
  d.version = "8.1.71.3608";  // patched on the same line
  EXPECT_EQ(DeviceFingerprint(d, 16992), a);
  EXPECT_NE(DeviceFingerprint(d, 16993), a);
  d.realm = "";  // generic: the address is all there is
  EXPECT_NE(DeviceFingerprint(d, 16992), a);
}

TEST_F(FormatsTest, MarkdownListsFiftyVulnerableThenACount) {
  auto inv = testing::FreshInventory("md_many");
  std::vector<Observation> obs;
  for (int i = 1; i <= 60; ++i) {
    obs.push_back(testing::ReportObs("198.18.4." + std::to_string(i), 16992,
                                     ScanVerdict::kVulnerable, "9.5.30", "",
                                     testing::Day(0)));
  }
  testing::RecordScan(*inv, testing::Day(0), "", obs);
  auto fleet = LoadFleet(*inv, {});
  ASSERT_TRUE(fleet.ok());
  std::string md = MarkdownReport(*fleet, context_);
  EXPECT_NE(md.find("| **Vulnerable now** | **60** |"), std::string::npos);
  EXPECT_EQ(Count(md, "| 9.5.30 |"), 50u);  // one per device row
  EXPECT_NE(md.find("…and 10 more"), std::string::npos);
  EXPECT_NE(md.find("| 198.18.4.0/24 | 60 |"), std::string::npos);
}

TEST_F(FormatsTest, HtmlDeviceTableInChunksOf200) {
  auto inv = testing::FreshInventory("chunks");
  std::vector<Observation> obs;
  for (int i = 0; i < 450; ++i) {
    obs.push_back(testing::ReportObs(
        "198.18." + std::to_string(5 + i / 200) + "." +
            std::to_string(i % 200 + 1),
        16992, i % 2 ? ScanVerdict::kVulnerable : ScanVerdict::kNotVulnerable,
        "9.5.30", "", testing::Day(0)));
  }
  testing::RecordScan(*inv, testing::Day(0), "", obs);
  auto fleet = LoadFleet(*inv, {});
  ASSERT_TRUE(fleet.ok());
  std::string html = HtmlReport(*fleet, context_);
  EXPECT_EQ(Count(html, "<div class=\"devchunk\""), 3u);
  // Every device once; the vulnerable ones first (no JavaScript needed).
  EXPECT_EQ(Count(html, "<td class=V>vulnerable"), 225u);
  EXPECT_EQ(Count(html, "<td class=N>not-vulnerable"), 225u);
  EXPECT_LT(html.rfind("<td class=V>"), html.find("<td class=N>"));
}

TEST_F(FormatsTest, HtmlNamesTheVendorFixOfACheckedMachine) {
  Fleet known = Known("machines");
  MachineRecord m;
  m.identity = std::string(64, 'a');
  m.time = testing::Day(7);
  m.hostname = "lab-pc-7";
  m.vendor = "HP";
  m.model = "HP EliteBook 850 G3";
  m.me_version = "11.0.0.1180";
  m.verdicts = R"([{"id":"INTEL-SA-00075","verdict":"vulnerable"},)"
               R"({"id":"INTEL-SA-00086","verdict":"not-vulnerable"}])";
  ASSERT_TRUE(inv_->RecordMachine(scans_.second, m).ok());
  auto fleet = LoadFleet(*inv_, {});
  ASSERT_TRUE(fleet.ok());
  ASSERT_EQ(fleet->machines.size(), 1u);
  EXPECT_EQ(MachineVulnerable(m), std::vector<std::string>{"INTEL-SA-00075"});
  std::string fix = VendorFixText(m, vendors_);
  EXPECT_NE(fix.find("INTEL-SA-00075: fixed, ME 11.0.18.3003"),
            std::string::npos)
      << fix;
  std::string html = HtmlReport(*fleet, context_);
  EXPECT_NE(html.find("id=\"machine-table\""), std::string::npos);
  EXPECT_NE(html.find("lab-pc-7"), std::string::npos);
  EXPECT_NE(html.find("ME 11.0.18.3003"), std::string::npos);
  EXPECT_EQ(HtmlReport(known, context_).find("machine-table"),
            std::string::npos);  // no check results: no section
}

TEST_F(FormatsTest, CsvOneRowPerDevice) {
  std::string csv = CsvReport(Known("csv", "a,\"b\""), context_);
  EXPECT_EQ(Count(csv, "\r\n"), 6u);  // header + 5 devices
  EXPECT_TRUE(csv.starts_with("device,ip,port,"));
  EXPECT_NE(csv.find(",\"a,\"\"b\"\"\","), std::string::npos);
  std::string formula = CsvReport(Known("csv2", "=HYPERLINK(1)"), context_);
  EXPECT_EQ(formula.find(",=HYPERLINK"), std::string::npos);
  EXPECT_NE(formula.find(",'=HYPERLINK(1),"), std::string::npos);
}

TEST_F(FormatsTest, FormatFromNameOrExtension) {
  EXPECT_EQ(*ReportFormatForPath("out/fleet.HTML"), ReportFormat::kHtml);
  EXPECT_EQ(*ReportFormatForPath("a.md"), ReportFormat::kMarkdown);
  EXPECT_EQ(*ReportFormatForPath("a.sarif"), ReportFormat::kSarif);
  EXPECT_EQ(*ReportFormatForPath("a.sarif.json"), ReportFormat::kSarif);
  EXPECT_EQ(*ReportFormatForPath("a.csv"), ReportFormat::kCsv);
  EXPECT_FALSE(ReportFormatForPath("report").ok());
  EXPECT_FALSE(ReportFormatForPath("dir.html/report").ok());
  EXPECT_FALSE(ParseReportFormat("pdf").ok());
}

}  // namespace
}  // namespace amtscope
