// End to end: the real `amtscope check --root FIXTURE --json` over the
// captured trees in tests/fixtures/machines (written from the reference
// facts), asserting version, SKU, SA-00075 verdict, provisioning, LMS and the
// vendor fix.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

namespace amtscope {
namespace {

using nlohmann::json;

struct Output {
  int exit_code = -1;
  std::string out;
};

Output Amtscope(const std::string& args) {
  std::string cmd = std::string(AMTSCOPE_BINARY) + " " + args + " 2>/dev/null";
  Output r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string Fixture(const std::string& name) {
  return std::string(AMTSCOPE_SOURCE_DIR) + "/tests/fixtures/machines/" + name;
}

json CheckJson(const std::string& name, int* exit_code = nullptr) {
  Output r = Amtscope("check --json --root " + Fixture(name));
  if (exit_code) *exit_code = r.exit_code;
  EXPECT_EQ(r.exit_code, 0) << name;
  json j = json::parse(r.out, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(j.is_discarded()) << r.out;
  return j;
}

std::string Verdict(const json& j, const std::string& id) {
  for (const json& a : j["advisories"]) {
    if (a["id"] == id) return a["verdict"];
  }
  return "missing";
}

TEST(CheckFixtures, HpEliteBook850G3ProvisionedClientControl) {
  json j = CheckJson("hp-elitebook-850-g3");
  EXPECT_EQ(j["me"]["version"], "11.0.18.1000");
  EXPECT_EQ(j["me"]["sku"], "corporate");
  EXPECT_EQ(j["amt"]["provisioned"], true);
  EXPECT_EQ(j["amt"]["control_mode"], "client-control");
  EXPECT_EQ(j["lms"]["running"], true);
  EXPECT_EQ(j["lms"]["pids"], json::array({1093}));
  // Its fds 7-9 link to the listening sockets' inodes: the listeners are LMS's.
  ASSERT_EQ(j["lms"]["listeners"].size(), 3u);
  for (const json& l : j["lms"]["listeners"]) {
    EXPECT_EQ(l["pid"], 1093) << l;
    EXPECT_EQ(l["process"], "lms") << l;
    EXPECT_EQ(l["lms"], true) << l;
  }
  EXPECT_EQ(j["machine"]["vendor"], "HP");
  EXPECT_EQ(j["machine"]["model"], "HP EliteBook 850 G3");
  EXPECT_EQ(Verdict(j, "INTEL-SA-00075"), "vulnerable");
  ASSERT_TRUE(j["vendor_fix"].is_object());
  EXPECT_EQ(j["vendor_fix"]["me_version"], "11.0.18.3003");
  // The ordered steps: update, unprovision from the OS (CCM), LMS, BIOS.
  ASSERT_GE(j["next_steps"].size(), 4u);
  EXPECT_NE(j["next_steps"][0].get<std::string>().find("11.0.18.3003"),
            std::string::npos);
  EXPECT_NE(j["next_steps"][1].get<std::string>().find("--unprovision"),
            std::string::npos);
  EXPECT_NE(j["next_steps"][2].get<std::string>().find("--disable-lms"),
            std::string::npos);
  EXPECT_TRUE(j["root_would_add"].empty());
}

TEST(CheckFixtures, LenovoX230ModelFromProductVersionUnprovisioned) {
  json j = CheckJson("lenovo-thinkpad-x230");
  EXPECT_EQ(j["me"]["version"], "8.1.70.3600");
  EXPECT_EQ(j["me"]["sku"], "corporate");
  EXPECT_EQ(j["amt"]["provisioned"], false);
  EXPECT_EQ(j["lms"]["running"], false);
  // Something else (an emulator, pid 2718) listens on 16992: not LMS, so
  // disabling LMS is not suggested (issue 9 item 6).
  ASSERT_EQ(j["lms"]["listeners"].size(), 1u);
  EXPECT_EQ(j["lms"]["listeners"][0]["port"], 16992);
  EXPECT_EQ(j["lms"]["listeners"][0]["pid"], 2718);
  EXPECT_EQ(j["lms"]["listeners"][0]["process"], "amtscope");
  EXPECT_EQ(j["lms"]["listeners"][0]["lms"], false);
  for (const json& step : j["next_steps"]) {
    EXPECT_EQ(step.get<std::string>().find("--disable-lms"), std::string::npos)
        << step;
  }
  Output text = Amtscope("check --root " + Fixture("lenovo-thinkpad-x230"));
  EXPECT_NE(
      text.out.find(
          "a process other than LMS (amtscope, pid 2718) listens on 16992"),
      std::string::npos)
      << text.out;
  EXPECT_EQ(j["machine"]["vendor"], "LENOVO");
  EXPECT_EQ(j["machine"]["model"], "ThinkPad X230");
  EXPECT_EQ(Verdict(j, "INTEL-SA-00075"),
            "vulnerable");  // local vector needs no provisioning
  ASSERT_TRUE(j["vendor_fix"].is_object());
  EXPECT_EQ(j["vendor_fix"]["me_version"], "8.1.72.3002");
}

TEST(CheckFixtures, HpZ440FixedBuildAdminControl) {
  json j = CheckJson("hp-z440-acm");
  EXPECT_EQ(j["me"]["version"], "9.1.41.3024");
  EXPECT_EQ(j["amt"]["control_mode"], "admin-control");
  EXPECT_EQ(Verdict(j, "INTEL-SA-00075"), "not-vulnerable");
  ASSERT_TRUE(j["vendor_fix"].is_object());
  EXPECT_EQ(j["vendor_fix"]["me_version"], "9.1.41.3024");
}

TEST(CheckFixtures, ConsumerFirmwareWithoutAmthiClient) {
  json j = CheckJson("lenovo-ideapad-consumer");
  EXPECT_EQ(j["me"]["version"], "11.8.50.3425");
  EXPECT_EQ(j["me"]["sku"], "consumer");
  EXPECT_EQ(j["me"]["amthi"], "no-such-client");
  EXPECT_EQ(j["amt"]["provisioned"], false);
  EXPECT_EQ(j["machine"]["model"], "Lenovo ideapad 330-15IKB");
  EXPECT_EQ(Verdict(j, "INTEL-SA-00075"), "not-vulnerable");
  EXPECT_TRUE(j["vendor_fix"].is_null());
}

TEST(CheckFixtures, DellConsumerSkuFromHfsts3WithoutRoot) {
  json j = CheckJson("dell-inspiron-consumer-11.8");
  EXPECT_EQ(j["me"]["version"], "11.8.50.3425");
  EXPECT_EQ(j["me"]["sku"], "consumer");
  EXPECT_EQ(j["me"]["mei_access"], "not-queried");
  EXPECT_EQ(j["machine"]["vendor"], "Dell Inc.");
  EXPECT_EQ(Verdict(j, "INTEL-SA-00075"), "not-vulnerable");
  EXPECT_TRUE(j["vendor_fix"].is_null());
  EXPECT_FALSE(j["root_would_add"].empty());
}

TEST(CheckFixtures, AmtDisabledInMebx) {
  json j = CheckJson("fujitsu-esprimo-d582-amt-disabled");
  EXPECT_EQ(j["me"]["version"],
            "8.1.40.1416");  // from MKHI; AMTHI sent an empty reply
  EXPECT_EQ(j["me"]["sku"], "corporate");  // platform brand AMT
  EXPECT_EQ(j["amt"]["enabled"], false);
  EXPECT_TRUE(j["amt"]["provisioned"].is_null());
  EXPECT_EQ(Verdict(j, "INTEL-SA-00075"), "vulnerable");
}

TEST(CheckFixtures, Me6WithoutFwVerUsesTheLocalWebServer) {
  json j = CheckJson("dell-latitude-e6410-me6");
  EXPECT_EQ(j["me"]["fw_ver"], nullptr);          // PCH6: fw_ver not populated
  ASSERT_TRUE(j["me"]["fw_status"].is_object());  // but fw_status is
  EXPECT_EQ(j["me"]["version"], "6.0.30");        // Server header via LMS
  EXPECT_EQ(j["me"]["sku"], "corporate");
  EXPECT_EQ(j["amt"]["provisioned"], true);
  EXPECT_EQ(j["lms"]["running"], true);
  EXPECT_EQ(j["machine"]["model"], "Latitude E6410");
  // A 3-part banner: the engine lets the build number decide (Intel's 3xxx
  // rule).
  EXPECT_EQ(Verdict(j, "INTEL-SA-00075"), "unknown");
  ASSERT_TRUE(j["vendor_fix"].is_object());
  EXPECT_EQ(j["vendor_fix"]["vendor"], "Dell");
}

TEST(CheckFixtures, Csme16IsNotAffectedBySa00075) {
  json j = CheckJson("hp-elitebook-840-g9-csme16");
  EXPECT_EQ(j["me"]["version"], "16.1.25.2124");
  EXPECT_EQ(j["me"]["sku"], "corporate");
  EXPECT_EQ(Verdict(j, "INTEL-SA-00075"), "not-vulnerable");
  EXPECT_EQ(Verdict(j, "INTEL-SA-00610"),
            "not-vulnerable");  // fixed in 16.1.25
}

TEST(CheckFixtures, JunkDmiIsUnknown) {
  json j = CheckJson("junk-dmi-me8");
  EXPECT_TRUE(j["machine"]["vendor"].is_null());
  EXPECT_TRUE(j["machine"]["model"].is_null());
  EXPECT_TRUE(j["machine"]["bios_version"].is_null());  // "0123456789"
  EXPECT_EQ(j["machine"]["bios_date"], "08/14/2013");
  EXPECT_EQ(j["me"]["version"], "8.1.40.1416");
  EXPECT_EQ(j["me"]["sku"], "unknown");  // no SKU field before CSME 11
  EXPECT_TRUE(j["vendor_fix"].is_null());
}

TEST(CheckFixtures, BrokenAndEmptyTreesNeverCrash) {
  for (const char* name : {"broken-files", "empty-tree"}) {
    json j = CheckJson(name);
    EXPECT_TRUE(j["me"]["version"].is_null()) << name;
    EXPECT_EQ(j["me"]["sku"], "unknown") << name;
    EXPECT_TRUE(j["amt"]["provisioned"].is_null()) << name;
    EXPECT_FALSE(j["advisories"].empty()) << name;
    for (const json& a : j["advisories"])
      EXPECT_NE(a["verdict"], "vulnerable") << name;
  }
  EXPECT_TRUE(CheckJson("empty-tree")["lms"]["running"].is_null());
  EXPECT_FALSE(CheckJson("broken-files")["notes"].empty());
  // Its sys_vendor is "\xff\xfe\0HP\x1b[31m": bytes and escape both dropped.
  EXPECT_EQ(CheckJson("broken-files")["machine"]["vendor"], "HP");
}

// Top-level verdict: true/false only when decided, null (status unknown)
// when nothing could be checked; the reason always says why.
TEST(CheckFixtures, TopLevelVerdictIsNullWhenUndecided) {
  for (const char* name : {"empty-tree", "broken-files"}) {
    json j = CheckJson(name);
    EXPECT_TRUE(j["vulnerable"].is_null()) << name;
    EXPECT_EQ(j["status"], "unknown") << name;
    EXPECT_NE(
        j["status_reason"].get<std::string>().find("could not be decided"),
        std::string::npos)
        << j["status_reason"];
  }
  json vulnerable = CheckJson("hp-elitebook-850-g3");
  EXPECT_EQ(vulnerable["vulnerable"], true);
  EXPECT_EQ(vulnerable["status"], "vulnerable");
  EXPECT_NE(
      vulnerable["status_reason"].get<std::string>().find("INTEL-SA-00075"),
      std::string::npos);
  for (const char* name : {"hp-elitebook-840-g9-csme16", "hp-z440-acm",
                           "lenovo-ideapad-consumer"}) {
    json j = CheckJson(name);
    bool any_vulnerable = false, any_unknown = false;
    for (const json& adv : j["advisories"]) {
      any_vulnerable = any_vulnerable || adv["verdict"] == "vulnerable";
      any_unknown = any_unknown || adv["verdict"] == "unknown";
    }
    std::string want = any_vulnerable ? "vulnerable"
                       : any_unknown  ? "unknown"
                                      : "not-vulnerable";
    EXPECT_EQ(j["status"], want) << name;
    if (want == "unknown") {
      EXPECT_TRUE(j["vulnerable"].is_null()) << name;
    } else {
      EXPECT_EQ(j["vulnerable"], want == "vulnerable") << name;
    }
  }
}

// What fleet collection needs: schema and tool version, host (null for a
// captured tree: it is not this machine) and a timestamp.
TEST(CheckFixtures, JsonCarriesRunInfo) {
  json j = CheckJson("hp-z440-acm");
  EXPECT_EQ(j["schema_version"], 1);
  EXPECT_EQ(j["tool"]["name"], "amtscope");
  EXPECT_FALSE(j["tool"]["version"].get<std::string>().empty());
  EXPECT_TRUE(j["hostname"].is_null());
  std::string ts = j["timestamp"];
  EXPECT_EQ(ts.size(), 24u) << ts;  // 2026-12-02T08:35:16.123Z
  EXPECT_EQ(ts.back(), 'Z') << ts;
}

TEST(CheckFixtures, FailOnFindingsAndTextReport) {
  EXPECT_EQ(Amtscope("check --fail-on-findings --root " +
                     Fixture("hp-elitebook-850-g3"))
                .exit_code,
            1);
  EXPECT_EQ(Amtscope("check --fail-on-findings --root " + Fixture("empty-tree"))
                .exit_code,
            0);  // nothing vulnerable
  Output text = Amtscope("check --root " + Fixture("hp-z440-acm"));
  EXPECT_NE(text.out.find("admin-control"), std::string::npos);
  EXPECT_NE(text.out.find("INTEL-SA-00075"), std::string::npos);
}

TEST(CheckFixtures, UsageErrors) {
  EXPECT_EQ(Amtscope("check --root /nonexistent/amtscope-tree").exit_code, 2);
  EXPECT_EQ(
      Amtscope("check --unprovision --root " + Fixture("hp-elitebook-850-g3"))
          .exit_code,
      2);
  EXPECT_EQ(Amtscope("check --bogus-flag").exit_code, 2);
}

}  // namespace
}  // namespace amtscope
