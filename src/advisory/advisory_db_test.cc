#include "advisory/advisory_db.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "advisory/advisory_json.h"

namespace amtscope {
namespace {

constexpr Verdict V = Verdict::kVulnerable;
constexpr Verdict N = Verdict::kNotVulnerable;
constexpr Verdict U = Verdict::kUnknown;

const AdvisoryDb& Db() {
  static const AdvisoryDb* db = [] {
    auto loaded = AdvisoryDb::Embedded();
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return new AdvisoryDb(std::move(loaded).value());
  }();
  return *db;
}

DeviceFacts Facts(std::string_view version, Sku sku = Sku::kUnknown,
                  std::optional<bool> provisioned = std::nullopt) {
  auto parsed = FirmwareVersion::Parse(version);
  EXPECT_TRUE(parsed.ok()) << version;
  return {parsed.ok() ? *parsed : FirmwareVersion(), sku, provisioned};
}

AdvisoryVerdict Eval(std::string_view id, const DeviceFacts& facts) {
  const Advisory* a = Db().Find(id);
  EXPECT_NE(a, nullptr) << id;
  if (a == nullptr) return {};
  return Db().Evaluate(*a, facts);
}

struct Case {
  const char* version;
  Verdict verdict;
  const char* reason_part;  // must appear in the reason ("" = any)
};

void ExpectCases(std::string_view id, const std::vector<Case>& cases,
                 Sku sku = Sku::kUnknown) {
  for (const Case& c : cases) {
    AdvisoryVerdict got = Eval(id, Facts(c.version, sku));
    EXPECT_EQ(ToString(got.verdict), ToString(c.verdict))
        << id << " " << c.version << ": " << got.reason;
    EXPECT_NE(got.reason.find(c.reason_part), std::string::npos)
        << id << " " << c.version << ": reason \"" << got.reason
        << "\" lacks \"" << c.reason_part << "\"";
    EXPECT_EQ(got.reason.find('\n'), std::string::npos);
  }
}

TEST(AdvisoryDbTest, EmbeddedHoldsEveryRequiredAdvisory) {
  std::set<std::string> ids;
  for (const Advisory& a : Db().advisories()) {
    ids.insert(a.id);
    // SA-01315's CVE is not confirmed by a primary source (docs/advisories.md).
    if (a.id != "INTEL-SA-01315") {
      EXPECT_FALSE(a.cves.empty()) << a.id;
    }
    EXPECT_FALSE(a.sources.empty()) << a.id;
    EXPECT_FALSE(a.date.empty()) << a.id;
    EXPECT_FALSE(a.ranges.empty()) << a.id;
    EXPECT_FALSE(a.vectors.empty()) << a.id;
  }
  std::set<std::string> want;
  for (const char* n :
       {"00075", "00081", "00082", "00086", "00112", "00125", "00141",
        "00185", "00213", "00241", "00295", "00391", "00404", "00459",
        "00610", "00709", "00783", "01152", "01315", "01427"}) {
    want.insert(std::string("INTEL-SA-") + n);
  }
  EXPECT_EQ(ids, want);
}

TEST(AdvisoryDbTest, Sa00075IsComplete) {
  const Advisory* a = Db().Find("INTEL-SA-00075");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->cves, std::vector<std::string>{"CVE-2017-5689"});
  EXPECT_DOUBLE_EQ(a->cvss, 9.8);
  EXPECT_EQ(a->primary_vector(), AttackVector::kNetwork);
  EXPECT_EQ(a->fixed_build_min, 3000);
  std::set<std::string> fixed;
  for (const FirmwareVersion& v : a->FixedVersions())
    fixed.insert(v.ToString());
  EXPECT_EQ(fixed,
            (std::set<std::string>{
                "6.2.61.3535", "7.1.91.3272", "8.1.71.3608", "9.1.41.3024",
                "9.5.61.3012", "10.0.55.3000", "11.0.25.3001", "11.0.18.3003",
                "11.0.22.3001", "11.6.27.3264", "11.6.12.3202"}));
  EXPECT_TRUE(a->Affects(Sku::kSbt));
  EXPECT_FALSE(a->Affects(Sku::kConsumer));
}

TEST(AdvisoryDbTest, FindAcceptsShortForms) {
  for (const char* id : {"INTEL-SA-00075", "intel-sa-00075", "SA-00075",
                         "00075", "75", " sa-00075 "}) {
    const Advisory* a = Db().Find(id);
    ASSERT_NE(a, nullptr) << id;
    EXPECT_EQ(a->id, "INTEL-SA-00075");
  }
  EXPECT_EQ(Db().Find("INTEL-SA-99999"), nullptr);
  EXPECT_EQ(Db().Find(""), nullptr);
  // A CVE finds the advisory that lists it.
  for (const char* cve : {"CVE-2017-5689", "cve-2017-5689"}) {
    const Advisory* a = Db().Find(cve);
    ASSERT_NE(a, nullptr) << cve;
    EXPECT_EQ(a->id, "INTEL-SA-00075");
  }
  for (auto [cve, id] : {std::pair{"CVE-2022-27497", "INTEL-SA-00610"},
                         {"CVE-2022-30601", "INTEL-SA-00709"},
                         {"CVE-2022-36392", "INTEL-SA-00783"},
                         {"CVE-2024-38307", "INTEL-SA-01152"},
                         {"CVE-2026-20715", "INTEL-SA-01427"}}) {
    const Advisory* a = Db().Find(cve);
    ASSERT_NE(a, nullptr) << cve;
    EXPECT_EQ(a->id, id);
  }
  EXPECT_EQ(Db().Find("CVE-2017-0001"), nullptr);
  EXPECT_EQ(Db().Find("SA-"), nullptr);
}

// The issue's acceptance checks (issue 2, "How it will be checked").
TEST(Sa00075Test, IssueAcceptance) {
  ExpectCases("INTEL-SA-00075",
              {{"8.1.40", U, "the build number decides"},
               {"8.1.70.3600", V, "below the first fixed build 8.1.71.3608"},
               {"8.1.71.3608", N, "at or above the first fixed build"},
               {"11.8.50.3425", N, "11.8 line not affected"}});
  ExpectCases("INTEL-SA-00185", {{"11.8.50.3425", V, "below the fix 11.8.60"}});
}

TEST(Sa00075Test, BranchBoundaries) {
  ExpectCases(
      "INTEL-SA-00075",
      {
          // 6.x: fix 6.2.61.3535
          {"6.2.61.3534", V, "below the first fixed build 6.2.61.3535"},
          {"6.2.61.3535", N, "at or above"},
          {"6.2.61.3536", N, "at or above"},
          {"6.2.61", U,
           "3-part version 6.2.61 equals the fix's first three "
           "parts"},
          {"6.2.62", N, "at or above"},
          {"6.2.60", U, "the build number decides"},
          {"6.0.50.1000", V, "below the first fixed build"},
          // 7.x: fix 7.1.91.3272
          {"7.1.91.3271", V, "below"},
          {"7.1.91.3272", N, "at or above"},
          {"7.1.91", U, "equals the fix's first three parts"},
          {"7.1.92", N, "at or above"},
          {"7.1.70", U, "no build number"},
          {"7.0.20.1000", V, "below"},
          // 8.x: fix 8.1.71.3608
          {"8.1.71.3607", V, "below the first fixed build 8.1.71.3608"},
          {"8.1.71.3608", N, "at or above"},
          {"8.1.71.3609", N, "at or above"},
          {"8.1.71", U,
           "3-part version 8.1.71 equals the fix's first three "
           "parts (8.1.71.3608): the build number decides"},
          {"8.1.72", N, "at or above"},
          {"8.1.72.3002", N, "at or above"},
          {"8.1.40.1000", V, "below"},
          {"9.5.35-build 1862", V, "below the first fixed build 9.5.61.3012"},
          // 9.0/9.1: fix 9.1.41.3024
          {"9.1.41.3023", V, "below"},
          {"9.1.41.3024", N, "at or above"},
          {"9.1.41", U, "equals the fix's first three parts"},
          {"9.1.42", N, "at or above"},
          {"9.0.30.1000", V, "below"},
          // 9.5: fix 9.5.61.3012
          {"9.5.61.3011", V, "below"},
          {"9.5.61.3012", N, "at or above"},
          {"9.5.61", U, "equals the fix's first three parts"},
          {"9.5.62", N, "at or above"},
          // 10.0: fix 10.0.55.3000
          {"10.0.55.2999", V, "below"},
          {"10.0.55.3000", N, "at or above"},
          {"10.0.55", U, "equals the fix's first three parts"},
          {"10.0.56", N, "at or above"},
          // 11.0: fix 11.0.25.3001
          {"11.0.25.3000", V, "below"},
          {"11.0.25.3001", N, "at or above"},
          {"11.0.25", U, "equals the fix's first three parts"},
          {"11.0.26", N, "at or above"},
          {"11.0.0.1205", V, "below"},
          // 11.5/11.6: fix 11.6.27.3264
          {"11.6.27.3263", V, "below"},
          {"11.6.27.3264", N, "at or above"},
          {"11.6.27", U, "equals the fix's first three parts"},
          {"11.6.28", N, "at or above"},
          {"11.5.0.1000", V, "below"},
      });
}

TEST(Sa00075Test, AlternativeFixedBuilds) {
  ExpectCases("INTEL-SA-00075",
              {{"11.0.18.3002", V, "below 11.0.18.3003"},
               {"11.0.18.3003", N, "fixed build of the 11.0.18.x sub-line"},
               {"11.0.18.3010", N, "at or above 11.0.18.3003"},
               {"11.0.18", U, "the build number decides"},
               {"11.0.22.3000", V, "below 11.0.22.3001"},
               {"11.0.22.3001", N, "11.0.22.x sub-line"},
               {"11.0.22", U, "11.0.22.3001"},
               {"11.6.12.3201", V, "below 11.6.12.3202"},
               {"11.6.12.3202", N, "11.6.12.x sub-line"},
               {"11.6.12", U, "the build number decides"}});
}

// Intel's rule: fixed builds are 3xxx. Bounded by the line's fixed build so
// that 8.1.70.3600 (the issue's check) stays vulnerable; data/README.md.
TEST(Sa00075Test, IntelBuildRule) {
  ExpectCases("INTEL-SA-00075",
              {{"8.0.10.3700", N, "Intel's 3xxx rule"},
               {"8.1.40.3608", N, "although its hotfix is below"},
               {"8.1.40.3607", V, "does not make it fixed"},
               {"8.1.70.3600", V, "its build 3600 is below 3608"},
               {"6.0.50.3600", N, "Intel's 3xxx rule"},
               {"11.0.20.3001", N, "Intel's 3xxx rule"},
               {"11.6.20.3210", V, "below 3264"}});
}

TEST(Sa00075Test, Line117AndOutsideLines) {
  ExpectCases("INTEL-SA-00075",
              {{"11.7.0.1000", V, "build 1000 is in 1000-1999"},
               {"11.7.10.1999", V, "affected builds of the 11.7 line"},
               {"11.7.0.999", N, "only builds 1000-1999"},
               {"11.7.0.2000", N, "only builds 1000-1999"},
               {"11.7.0.3000", N, "only builds"},
               {"11.7.10", U, "the build number decides"},
               {"11.7", U, "the build number decides"},
               {"11.8.50.3425", N, "11.8 line not affected"},
               {"11.11.50.1402", N, "11.11 line not affected"},
               {"12.0.5.1000", N, "12.0 line not affected"},
               {"15.0.23.1706", N, "15.0 line not affected"},
               {"5.2.70.1000", N, "5.2 line not affected: versions before 6.0"},
               {"5.0.1", N, "before 6.0"},
               {"3.2", N, "before 6.0"},
               {"0:11.8.50.3425", N, "not affected"}});
}

TEST(Sa00075Test, TwoPartAndBareVersions) {
  ExpectCases("INTEL-SA-00075", {{"8.1", U, "2-part"},
                                 {"9.5", U, "2-part version 9.5"},
                                 {"11.0", U, "2-part"},
                                 {"11.8", N, "11.8 line not affected"},
                                 {"AMT", U, "no version in the banner"},
                                 {"", U, "no version in the banner"}});
}

TEST(Sa00075Test, Skus) {
  ExpectCases("INTEL-SA-00075",
              {{"8.1.40.1000", N, "consumer SKU: AMT not present"},
               {"AMT", N, "consumer SKU"}},
              Sku::kConsumer);
  ExpectCases("INTEL-SA-00075",
              {{"8.1.40.1000", V,
                "SBT SKU: only the local vector applies "
                "(CVSS 8.4)"},
               {"8.1.71.3608", N, "at or above"}},
              Sku::kSbt);
  ExpectCases("INTEL-SA-00075", {{"8.1.70.3600", V, "below"}}, Sku::kIsm);
  ExpectCases("INTEL-SA-00075", {{"8.1.71", U, "build number decides"}},
              Sku::kAmt);
}

TEST(Sa00075Test, Provisioning) {
  auto unprov = Eval("SA-00075", Facts("8.1.70.3600", Sku::kAmt, false));
  EXPECT_EQ(unprov.verdict, V);
  EXPECT_NE(unprov.reason.find("unprovisioned: not reachable over the network"),
            std::string::npos)
      << unprov.reason;
  EXPECT_NE(unprov.reason.find("local vector (CVSS 8.4)"), std::string::npos);

  auto prov = Eval("SA-00075", Facts("8.1.70.3600", Sku::kAmt, true));
  EXPECT_EQ(prov.verdict, V);
  EXPECT_NE(prov.reason.find("provisioned: exploitable over the network"),
            std::string::npos)
      << prov.reason;

  auto fixed = Eval("SA-00075", Facts("8.1.71.3608", Sku::kAmt, false));
  EXPECT_EQ(fixed.verdict, N);
  EXPECT_EQ(fixed.reason.find("unprovisioned"), std::string::npos);

  auto sbt = Eval("SA-00075", Facts("8.1.70.3600", Sku::kSbt, true));
  EXPECT_EQ(sbt.reason.find("exploitable over the network"), std::string::npos)
      << sbt.reason;
}

TEST(LaterAdvisoriesTest, Ranges) {
  ExpectCases("SA-00185", {{"11.8.60.3561", N, "at or above the fix 11.8.60"},
                           {"11.8.60", N, "at or above"},
                           {"11.6.27.3264", V,
                            "11.6 line is affected and has "
                            "no fix of its own"},
                           {"11.11.59.1000", V, "below the fix 11.11.60"},
                           {"11.22.60", N, "at or above"},
                           {"12.0.7.1122", V, "below the fix 12.0.20"},
                           {"12.0.20", N, "at or above"},
                           {"10.0.56.3002", N, "10.0 line not affected"},
                           {"11.8", U, "2-part"}});
  ExpectCases("SA-00086", {{"11.8.50.3425", N, "at or above"},
                           {"11.8.50.3399", N, "11.8.50.x sub-line"},
                           {"11.8.50.3300", V, "below 11.8.50.3399"},
                           {"11.6.27.3264", V, "no fix of its own"},
                           {"8.1.71.3608", V,
                            "below the first fixed build "
                            "8.1.72.3002"},
                           {"8.1.72.3002", N, "at or above"},
                           {"7.1.91.3272", N, "7.1 line not affected"}});
  ExpectCases("SA-00082", {{"11.0.25.3001", V, "one of the affected builds"},
                           {"11.0.26.3000", V, "one of the affected builds"},
                           {"11.0.25.3002", N,
                            "only 11.0.25.3001 and "
                            "11.0.26.3000 are affected"},
                           {"11.0.25", U, "build number decides"},
                           {"11.0.18", N, "only"},
                           {"11.6.27.3264", N, "11.6 line not affected"}});
  ExpectCases("SA-00081", {{"9.1.40.999", V,
                            "below the first fixed build "
                            "9.1.40.1000"},
                           {"9.1.40.1000", N, "at or above"},
                           {"11.6.25.1129", N, "at or above"},
                           {"8.1.40", N, "8.1 line not affected"}});
  ExpectCases("SA-00112", {{"7.1.91.3272", V, "no fix was released"},
                           {"3.2.1", V, "no fix"},
                           {"10.0.56.3002", U, "fixed build is not known"},
                           {"11.8.50.3425", U, "not known"},
                           {"12.0.5", N, "12.0 line not affected"}});
  ExpectCases("SA-00141", {{"12.0.4.1000", V, "below the fix 12.0.5"},
                           {"12.0.5", N, "at or above"},
                           {"12.0", U, "2-part"},
                           {"11.8.50.3425", N, "11.8 line not affected"}});
  ExpectCases("SA-00295", {{"14.0.32.1000", V, "below the fix 14.0.33"},
                           {"14.0.33", N, "at or above"},
                           {"11.22.76", V, "below"},
                           {"11.22.77", N, "at or above"}});
  ExpectCases("SA-00610", {{"16.1.25.2000", N, "at or above"},
                           {"16.1.24", V, "below the fix 16.1.25"},
                           {"16.0.15.1000", V, "no fix of its own"},
                           {"15.0.41", V, "below"},
                           {"11.8.50.3425", V, "below the fix 11.8.93"},
                           {"13.0.40", N, "13.0 line not affected"}});
  ExpectCases("SA-00783", {{"16.1.26", V, "below the fix 16.1.27"},
                           {"16.1.27.2000", N, "at or above"},
                           {"12.0.92", V, "below the fix 12.0.93"},
                           {"13.0.40", N, "13.0 line not affected"}});
  // No fixed builds published: unknown on every line, saying where to look.
  ExpectCases("SA-00709",
              {{"11.8.94.3000", U, "000091553"}, {"16.1.30", U, "TLS"}});
  for (const char* id : {"SA-01152", "SA-01315", "SA-01427"}) {
    ExpectCases(id, {{"16.1.30", U, "Intel's advisory page"},
                     {"8.1.71.3608", U, "vendor's firmware update"}});
  }
  ExpectCases("SA-00404", {{"11.11.70", V, "11.11 line is affected"},
                           {"11.12.79", N, "at or above"}});
}

TEST(LaterAdvisoriesTest, ComponentScope) {
  // CSME advisories reach consumer SKUs; AMT-only ones do not.
  ExpectCases("SA-00459", {{"15.0.21.1000", V, "below the fix 15.0.22"}},
              Sku::kConsumer);
  ExpectCases("SA-00185", {{"11.8.50.3425", V, "below"}}, Sku::kConsumer);
  ExpectCases("SA-00610", {{"11.8.50.3425", N, "consumer SKU"}},
              Sku::kConsumer);
  ExpectCases("SA-00086",
              {{"11.6.27.3264", V, "no fix of its own"},
               {"8.1.40.1000", N,
                "CONSUMER SKU: INTEL-SA-00086 "
                "affects the 8.1 line only on "
                "other SKUs"}},
              Sku::kConsumer);
  ExpectCases("SA-00610", {{"11.8.50.3425", V, "ISM not named by"}}, Sku::kIsm);
}

TEST(EvaluateTest, OneVerdictPerAdvisoryInOrder) {
  auto all = Db().Evaluate(Facts("11.8.50.3425"));
  ASSERT_EQ(all.size(), Db().advisories().size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].id, Db().advisories()[i].id);
    EXPECT_FALSE(all[i].reason.empty());
  }
}

// The engine knows no advisory ids: the same rules drive any data.
constexpr std::string_view kCustom = R"({"advisories": [{
  "id": "TEST-1", "title": "t", "date": "2020-01-01", "cves": ["CVE-0-1"],
  "sources": ["unit test"], "skus": {"affected": ["amt"],
  "not_affected": {"consumer": "consumer: nothing here"}},
  "vectors": [{"vector": "local", "cvss": 5.0}],
  "build_rule": {"min_build": 2000},
  "outside": "unknown", "affected_as_stated": "20.x and up",
  "ranges": [{"lines": "20.0-20.2", "fixed": "20.2.5.2100",
              "alternatives": ["20.1.3.2050"]}]}]})";

TEST(EvaluateTest, RulesComeFromData) {
  auto db = AdvisoryDb::FromJson(kCustom);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  const Advisory* a = db->Find("TEST-1");
  ASSERT_NE(a, nullptr);
  struct {
    const char* version;
    Verdict verdict;
  } cases[] = {{"20.2.5.2099", V}, {"20.2.5.2100", N}, {"20.2.5", U},
               {"20.0.1.2100", N}, {"20.0.1.2000", V}, {"20.0.1", U},
               {"20.1.3.2049", V}, {"20.1.3.2050", N}, {"21.0.1", U},
               {"19.0.1", U}};
  for (const auto& c : cases) {
    auto got = db->Evaluate(*a, Facts(c.version));
    EXPECT_EQ(got.verdict, c.verdict) << c.version << ": " << got.reason;
  }
  EXPECT_NE(db->Evaluate(*a, Facts("21.0.1")).reason.find("open-ended"),
            std::string::npos);
  EXPECT_EQ(db->Evaluate(*a, Facts("20.0.1", Sku::kConsumer)).reason,
            "consumer: nothing here");
}

TEST(EvaluateTest, JsonRoundTripKeepsVerdicts) {
  nlohmann::json all = nlohmann::json::array();
  for (const Advisory& a : Db().advisories()) all.push_back(ToJson(a));
  auto again = AdvisoryDb::FromJson(all.dump());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  ASSERT_EQ(again->advisories().size(), Db().advisories().size());
  for (const char* v : {"8.1.40", "8.1.70.3600", "11.0.18.3003", "11.7.0.1500",
                        "11.8.50.3425", "12.0.4", "AMT", "11.0.25.3001"}) {
    auto a = Db().Evaluate(Facts(v, Sku::kAmt, false));
    auto b = again->Evaluate(Facts(v, Sku::kAmt, false));
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].verdict, b[i].verdict) << v << " " << a[i].id;
      EXPECT_EQ(a[i].reason, b[i].reason);
    }
  }
}

struct BadCase {
  const char* json;
  const char* path;  // must appear in the error message
};

TEST(AdvisoryDbTest, SchemaErrorsNameTheField) {
  const std::string ok_adv =
      R"("id": "X", "title": "t", "date": "d", "sources": ["s"],
         "skus": {"affected": ["amt"]}, "vectors": [{"vector": "network"}])";
  auto adv = [&](const std::string& extra) {
    return "{\"advisories\": [{" + ok_adv + ", " + extra + "}]}";
  };
  std::vector<std::pair<std::string, std::string>> cases = {
      {"not json", "not valid JSON"},
      {"{\"advisories\": {}}", "advisories"},
      {"{}", "advisories: missing"},
      {"42", "expected an array"},
      {"{\"advisories\": [{\"title\": \"t\"}]}", "advisories[0].id"},
      {adv(R"("ranges": [{"lines": "8.0-8.1", "fixed": "8.1.x"}])"),
       "advisories[0].ranges[0].fixed"},
      {adv(R"("ranges": [{"lines": "8.1-7.0", "fixed": "7.0.1"}])"),
       "advisories[0].ranges[0].lines"},
      {adv(R"("ranges": [{"lines": "8.0-8.1", "fixed": "9.1.2"}])"),
       "outside the lines"},
      {adv(R"("ranges": [{"lines": "8.0-8.1"}])"), "ranges[0].fixed: missing"},
      {adv(R"("ranges": [{"lines": "8.1", "fixed": "8.1"}])"),
       "needs at least 3 parts"},
      {adv(R"("ranges": [{"lines": "8.1", "status": "maybe"}])"),
       "ranges[0].status"},
      {adv(R"("ranges": [{"lines": "11.7", "affected_builds": [5, 1]}])"),
       "affected_builds"},
      {adv(R"("ranges": [{"lines": "8.1", "fixed": "8.1.2",
               "alternatives": ["8.1.1"]}])"),
       "ranges[0].alternatives[0]"},
      {adv(R"("ranges": [], "build_rule": {"min_build": "x"})"),
       "build_rule.min_build"},
      {adv(R"("ranges": [], "outside": "sometimes")"), "advisories[0].outside"},
      {adv(R"("ranges": [], "cvss": "high")"), "advisories[0].cvss"},
      {adv(R"("ranges": 3)"), "advisories[0].ranges"},
      {"{\"advisories\": [{" + ok_adv + "}]}", "advisories[0].ranges: missing"},
      {R"({"advisories": [{"id": "X", "title": "t", "date": "d",
          "sources": ["s"], "skus": {"affected": ["pro"]},
          "vectors": [{"vector": "network"}], "ranges": []}]})",
       "advisories[0].skus.affected[0]"},
      {R"({"advisories": [{"id": "X", "title": "t", "date": "d",
          "sources": ["s"], "skus": {"affected": ["amt"]},
          "vectors": [{"vector": "air"}], "ranges": []}]})",
       "advisories[0].vectors[0].vector"},
      {R"({"advisories": [{"id": "X", "title": "t", "date": "d",
          "sources": [], "skus": {"affected": ["amt"]},
          "vectors": [{"vector": "network"}], "ranges": []}]})",
       "advisories[0].sources"},
      {"{\"advisories\": [{" + ok_adv + ", \"ranges\": []}, {" + ok_adv +
           ", \"ranges\": []}]}",
       "duplicate id"},
  };
  for (const auto& [json, path] : cases) {
    auto db = AdvisoryDb::FromJson(json);
    ASSERT_FALSE(db.ok()) << json;
    EXPECT_EQ(db.status().code(), StatusCode::kCorruption) << json;
    EXPECT_NE(db.status().message().find(path), std::string::npos)
        << "\"" << db.status().message() << "\" lacks \"" << path << "\"";
    EXPECT_FALSE(db.status().hint().empty());
    EXPECT_EQ(db.status().ToString().find('\n'), std::string::npos);
  }
}

TEST(AdvisoryDbTest, LoadNamesTheFile) {
  auto missing = AdvisoryDb::Load("/nonexistent/advisories.json");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("/nonexistent/advisories.json"),
            std::string::npos);

  const std::string path = ::testing::TempDir() + "/broken_advisories.json";
  std::ofstream(path) << "{\"advisories\": [";
  auto broken = AdvisoryDb::Load(path);
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().code(), StatusCode::kCorruption);
  EXPECT_NE(broken.status().message().find(path), std::string::npos);

  auto embedded = AdvisoryDb::Load("");
  ASSERT_TRUE(embedded.ok());
  EXPECT_EQ(embedded->advisories().size(), Db().advisories().size());

  const std::string copy = ::testing::TempDir() + "/copy_advisories.json";
  std::ofstream(copy) << kCustom;
  auto custom = AdvisoryDb::Load(copy);
  ASSERT_TRUE(custom.ok()) << custom.status().ToString();
  EXPECT_EQ(custom->advisories().size(), 1u);
}

TEST(VerdictTest, SkuAndVerdictNames) {
  for (Sku sku : {Sku::kAmt, Sku::kIsm, Sku::kSbt, Sku::kConsumer}) {
    auto parsed = ParseSku(ToString(sku));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, sku);
  }
  EXPECT_EQ(*ParseSku("AMT"), Sku::kAmt);
  EXPECT_FALSE(ParseSku("pro").ok());
  EXPECT_FALSE(ParseSku("").ok());
  EXPECT_EQ(ParseSku("x").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ToString(Sku::kUnknown), "unknown");
  EXPECT_EQ(ToString(Verdict::kVulnerable), "vulnerable");
  EXPECT_EQ(ToString(Verdict::kNotVulnerable), "not-vulnerable");
  EXPECT_EQ(ToString(Verdict::kUnknown), "unknown");
  EXPECT_EQ(*ParseAttackVector("Physical"), AttackVector::kPhysical);
  EXPECT_FALSE(ParseAttackVector("adjacent").ok());
}

}  // namespace
}  // namespace amtscope
