// Runs the real amtscope binary for `advisories` and `lookup` and checks
// stdout, stderr and exit codes.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli/advisories_render.h"

namespace amtscope::cli {
namespace {

struct ProcResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string Quote(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

ProcResult Amtscope(const std::vector<std::string>& args) {
  const std::string err_path =
      ::testing::TempDir() + "/amtscope_adv_stderr.txt";
  std::string cmd = Quote(AMTSCOPE_BINARY);
  for (const std::string& a : args) cmd += " " + Quote(a);
  cmd += " 2>" + Quote(err_path);
  ProcResult run;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return run;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) run.out.append(buf, n);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_path);
  std::stringstream ss;
  ss << err.rdbuf();
  run.err = ss.str();
  return run;
}

std::string VerdictOf(const nlohmann::json& all, const std::string& id) {
  for (const auto& item : all) {
    if (item["id"] == id) return item["verdict"];
  }
  return "missing";
}

nlohmann::json MatchJson(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"advisories", "match"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back("--json");
  ProcResult r = Amtscope(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

TEST(AdvisoriesCliTest, IssueAcceptanceChecks) {
  EXPECT_EQ(VerdictOf(MatchJson({"8.1.40"}), "INTEL-SA-00075"), "unknown");
  EXPECT_EQ(VerdictOf(MatchJson({"8.1.70.3600"}), "INTEL-SA-00075"),
            "vulnerable");
  EXPECT_EQ(VerdictOf(MatchJson({"8.1.71.3608"}), "INTEL-SA-00075"),
            "not-vulnerable");
  auto v = MatchJson({"11.8.50.3425"});
  EXPECT_EQ(VerdictOf(v, "INTEL-SA-00075"), "not-vulnerable");
  EXPECT_EQ(VerdictOf(v, "INTEL-SA-00185"), "vulnerable");
  for (const auto& item : v) {
    EXPECT_TRUE(item.contains("reason"));
    EXPECT_FALSE(item["reason"].get<std::string>().empty());
  }
}

TEST(AdvisoriesCliTest, MatchTableAndOptions) {
  ProcResult r = Amtscope({"advisories", "match", "8.1.71"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("3-part version 8.1.71 equals the fix's first three "
                       "parts"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("ADVISORY"), std::string::npos);
  EXPECT_TRUE(r.err.empty()) << r.err;

  ProcResult c =
      Amtscope({"advisories", "match", "8.1.40.1000", "--sku", "consumer"});
  ASSERT_EQ(c.exit_code, 0);
  EXPECT_NE(c.out.find("consumer SKU: AMT not present"), std::string::npos);

  auto unprov =
      MatchJson({"8.1.70.3600", "--sku", "amt", "--provisioned", "no"});
  for (const auto& item : unprov) {
    if (item["id"] != "INTEL-SA-00075") continue;
    EXPECT_EQ(item["verdict"], "vulnerable");
    EXPECT_NE(item["reason"].get<std::string>().find("unprovisioned"),
              std::string::npos);
  }
  EXPECT_EQ(VerdictOf(MatchJson({"AMT"}), "INTEL-SA-00075"), "unknown");
}

TEST(AdvisoriesCliTest, ListAndShow) {
  ProcResult list = Amtscope({"advisories", "list", "--json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  auto all = nlohmann::json::parse(list.out);
  ASSERT_EQ(all.size(), 20u);  // through INTEL-SA-01427 (2026)
  EXPECT_EQ(all[0]["id"], "INTEL-SA-00075");
  EXPECT_FALSE(all[0]["sources"].empty());

  ProcResult table = Amtscope({"advisories", "list"});
  ASSERT_EQ(table.exit_code, 0);
  EXPECT_NE(table.out.find("INTEL-SA-00610"), std::string::npos);
  EXPECT_NE(table.out.find("20 advisories"), std::string::npos);

  ProcResult show = Amtscope({"advisories", "show", "sa-00075", "--json"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  auto one = nlohmann::json::parse(show.out);
  EXPECT_EQ(one["id"], "INTEL-SA-00075");
  EXPECT_EQ(one["cves"][0], "CVE-2017-5689");

  ProcResult text = Amtscope({"advisories", "show", "INTEL-SA-00075"});
  ASSERT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("11.0.18.3003"), std::string::npos);
  EXPECT_NE(text.out.find("Sources:"), std::string::npos);

  // A CVE shows the advisory that lists it, with its sources.
  ProcResult cve = Amtscope({"advisories", "show", "CVE-2017-5689"});
  ASSERT_EQ(cve.exit_code, 0) << cve.err;
  EXPECT_EQ(cve.out.rfind("INTEL-SA-00075", 0), 0u);
  ProcResult later = Amtscope({"advisories", "show", "CVE-2026-20715"});
  ASSERT_EQ(later.exit_code, 0) << later.err;
  EXPECT_NE(later.out.find("INTEL-SA-01427"), std::string::npos);
  EXPECT_NE(later.out.find("cvelistV5"), std::string::npos);
}

// Bad input: one line on stderr, exit 2, nothing on stdout.
TEST(AdvisoriesCliTest, BadInputPrintsOneLineAndExits2) {
  const std::string broken = ::testing::TempDir() + "/broken_adv.json";
  std::ofstream(broken) << R"({"advisories": [{"id": "X"}]})";
  const std::vector<std::vector<std::string>> cases = {
      {"advisories", "match", "8.x.1"},
      {"advisories", "match", "8.1.40", "--sku", "pro"},
      {"advisories", "match", "8.1.40", "--provisioned", "maybe"},
      {"advisories", "show", "INTEL-SA-99999"},
      {"--advisories", broken, "advisories", "list"},
      {"--advisories", "/nonexistent/a.json", "advisories", "match", "8.1.40"},
      {"advisories", "list", "--advisories", broken},
      {"--vendors", broken, "lookup", "--vendor", "HP", "--model", "x"},
      {"lookup", "--vendor", "HP", "--model", "x", "--advisory", "SA-1"},
  };
  for (const auto& args : cases) {
    ProcResult r = Amtscope(args);
    std::string joined;
    for (const auto& a : args) joined += a + " ";
    EXPECT_EQ(r.exit_code, 2) << joined << r.err;
    EXPECT_TRUE(r.out.empty()) << joined << r.out;
    ASSERT_FALSE(r.err.empty()) << joined;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << joined << r.err;
    EXPECT_EQ(r.err.rfind("amtscope: ", 0), 0u) << r.err;
    EXPECT_NE(r.err.find("hint:"), std::string::npos) << r.err;
  }
  ProcResult path = Amtscope({"--advisories", broken, "advisories", "list"});
  EXPECT_NE(path.err.find("advisories[0]"), std::string::npos) << path.err;
}

TEST(LookupCliTest, EliteBook850G3) {
  ProcResult r =
      Amtscope({"lookup", "--vendor", "HP", "--model", "HP EliteBook 850 G3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("INTEL-SA-00075 fix: ME 11.0.18.3003"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("sp80248"), std::string::npos);
  EXPECT_NE(r.out.find("BiosSledgehammer"), std::string::npos);

  ProcResult j = Amtscope({"lookup", "--vendor", "Hewlett-Packard", "--model",
                           "elitebook  850 g3", "--json"});
  ASSERT_EQ(j.exit_code, 0) << j.err;
  auto doc = nlohmann::json::parse(j.out);
  EXPECT_EQ(doc["model_known"], true);
  EXPECT_EQ(doc["advisory_fix"]["me_version"], "11.0.18.3003");
  EXPECT_EQ(doc["latest_me_fix"]["me_version"], "11.8.65.3590");
  EXPECT_EQ(VerdictOf(doc["fixes"][0]["advisories"], "INTEL-SA-00075"),
            "not-vulnerable");
}

TEST(LookupCliTest, ModelNumberAloneListsEachModelsFix) {
  ProcResult r = Amtscope({"lookup", "--vendor", "HP", "--model", "850"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("names 4 HP models"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("not in the vendor database"), std::string::npos);
  // One row per model with that model's own fix.
  EXPECT_NE(r.out.find("HP EliteBook 850 G3  ME 11.0.18.3003"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("HP EliteBook 850 G1"), std::string::npos);
}

TEST(LookupCliTest, UnknownModelNamesVendorAdvisory) {
  ProcResult r =
      Amtscope({"lookup", "--vendor", "HP", "--model", "HP Spectre 13"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("not in the vendor database"), std::string::npos);
  EXPECT_NE(r.out.find("intelmanageabilityissue"), std::string::npos);
  ProcResult j =
      Amtscope({"lookup", "--vendor", "HP", "--model", "Spectre", "--json"});
  auto doc = nlohmann::json::parse(j.out);
  EXPECT_EQ(doc["model_known"], false);
  EXPECT_NE(doc["advisory_url"].get<std::string>().find("hp.com"),
            std::string::npos);
}

TEST(LookupCliTest, RowCountIsSingularForOneRow) {
  ProcResult one = Amtscope({"lookup", "--vendor", "LENOVO", "--model",
                             "ThinkPad X230", "--advisory", "00086"});
  EXPECT_EQ(one.exit_code, 0) << one.err;
  EXPECT_NE(one.out.find("ThinkPad X230 (exact match, "), std::string::npos)
      << one.out;
  EXPECT_EQ(one.out.find(", 1 rows)"), std::string::npos) << one.out;
  ProcResult many =
      Amtscope({"lookup", "--vendor", "HP", "--model", "HP EliteBook 850 G3"});
  EXPECT_NE(many.out.find("(exact match, 5 rows)"), std::string::npos)
      << many.out;
}

TEST(AdvisoriesCliTest, HelpHasExamples) {
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"advisories", "--help"},
                                             {"advisories", "list", "--help"},
                                             {"advisories", "show", "--help"},
                                             {"advisories", "match", "--help"},
                                             {"lookup", "--help"}}) {
    ProcResult r = Amtscope(args);
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("Examples:"), std::string::npos) << args[0];
  }
}

// The renderers build whole strings; errors produce no partial output.
TEST(AdvisoriesRenderTest, ErrorsCarryNoOutput) {
  auto db = AdvisoryDb::Embedded();
  ASSERT_TRUE(db.ok());
  auto bad = RenderAdvisoryMatch(*db, {"1.2.3.4.5", "", ""}, false);
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  auto good = RenderAdvisoryMatch(*db, {"9.1", "ism", "yes"}, false);
  ASSERT_TRUE(good.ok());
  EXPECT_NE(good->find("SKU ism, provisioning yes"), std::string::npos);
  EXPECT_EQ(RenderAdvisoryShow(*db, "nope", true).status().code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace amtscope::cli
