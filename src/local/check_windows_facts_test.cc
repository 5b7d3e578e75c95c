// The check logic for a Windows machine with the fake ME (testing/): no
// sysfs, facts from the MEI driver, the SMBIOS table and the SCM. Portable,
// so it runs on Linux and in amtscope_win_tests.exe under wine.
#include <gtest/gtest.h>

#include <string>

#include "advisory/advisory_db.h"
#include "advisory/vendor_db.h"
#include "local/assessment.h"
#include "local/check_report.h"
#include "local/local_facts.h"
#include "local/services.h"
#include "testing/fake_file_system.h"
#include "testing/fake_mei.h"

namespace amtscope {
namespace {

class WindowsCheckTest : public ::testing::Test {
 protected:
  Assessment Run(MeiTransport* mei, const std::string& services) {
    FactSources s;
    s.fs = &fs_;  // empty: a Windows machine has no sys/ or proc/
    s.mei = mei;
    s.mei_source = "the Intel MEI driver (HECI device interface)";
    s.web_skipped = "test";
    s.windows = true;
    facts_ = GatherFacts(s, "/");
    ApplyServices(ParseServicesCapture(services), &facts_.lms);
    return Assess(facts_, db_, vendors_);
  }
  std::string Sa75(const Assessment& a) {
    for (const auto& v : a.advisories) {
      if (v.id == "INTEL-SA-00075") return std::string(ToString(v.verdict));
    }
    return "missing";
  }
  static bool Mentions(const std::vector<std::string>& lines,
                       const std::string& text) {
    for (const std::string& l : lines) {
      if (l.find(text) != std::string::npos) return true;
    }
    return false;
  }
  FakeFileSystem fs_;
  LocalFacts facts_;
  AdvisoryDb db_ = AdvisoryDb::Embedded().value();
  VendorDb vendors_ = VendorDb::Embedded().value();
};

TEST_F(WindowsCheckTest, VulnerableProvisionedClientControlFromMeiAlone) {
  FakeMeiConfig c;
  c.version = FirmwareVersion{8, 1, 70, 3600};
  FakeMei mei(c);
  Assessment a = Run(&mei, "LMS running auto\nUNS running auto\n");
  EXPECT_EQ(Sa75(a), "vulnerable");
  ASSERT_TRUE(a.version.has_value());
  EXPECT_EQ(a.version->ToString(), "8.1.70.3600");
  EXPECT_EQ(a.provisioned, true);
  EXPECT_EQ(a.control_mode, 1u);
  EXPECT_TRUE(a.root_would_add.empty());
  // Windows advice: an elevated prompt and the SCM, never sudo/systemctl.
  EXPECT_TRUE(Mentions(a.next_steps, "--unprovision in an elevated prompt"));
  EXPECT_TRUE(Mentions(a.next_steps, "sets the LMS service to disabled"));
  EXPECT_FALSE(Mentions(a.next_steps, "sudo"));
  EXPECT_FALSE(Mentions(a.next_steps, "systemctl"));
  nlohmann::json j = CheckToJson(facts_, a);
  EXPECT_EQ(j["lms"]["installed"], true);
  EXPECT_EQ(j["lms"]["running"], true);
  EXPECT_EQ(j["lms"]["services"][1]["name"], "UNS");
  EXPECT_EQ(j["vulnerable"], true);
}

TEST_F(WindowsCheckTest, NotElevatedIsUnknownAndSaysWhatAdministratorAdds) {
  FakeMeiConfig c;
  c.open = MeiStatus::kNeedsRoot;  // ERROR_ACCESS_DENIED opening the driver
  FakeMei mei(c);
  Assessment a = Run(&mei, "LMS running auto\n");
  EXPECT_EQ(Sa75(a), "unknown");
  EXPECT_EQ(a.Overall().first, Verdict::kUnknown);
  ASSERT_FALSE(a.root_would_add.empty());
  EXPECT_NE(a.root_would_add[0].find("running as Administrator"),
            std::string::npos)
      << a.root_would_add[0];
  EXPECT_TRUE(Mentions(a.root_would_add, "GetProvisioningState"));
  // An ME that refused is an ME: no "no Intel ME device" step.
  EXPECT_FALSE(Mentions(a.next_steps, "No Intel ME device was found"));
}

TEST_F(WindowsCheckTest, NoDriverIsUnknownWithTheDriverHint) {
  FakeMeiConfig c;
  c.open = MeiStatus::kNoDevice;
  FakeMei mei(c);
  Assessment a = Run(&mei, "LMS absent absent\nUNS absent absent\n");
  EXPECT_EQ(a.Overall().first, Verdict::kUnknown);
  EXPECT_TRUE(Mentions(a.next_steps, "Management Engine Interface driver"));
  nlohmann::json j = CheckToJson(facts_, a);
  EXPECT_TRUE(j["vulnerable"].is_null());
  EXPECT_EQ(j["status"], "unknown");
  EXPECT_EQ(j["lms"]["installed"], false);
}

TEST_F(WindowsCheckTest, AdminControlModeSendsToMebx) {
  FakeMeiConfig c;
  c.version = FirmwareVersion{8, 1, 70, 3600};
  c.control_mode = 2;
  FakeMei mei(c);
  Assessment a = Run(&mei, "LMS stopped disabled\n");
  EXPECT_EQ(Sa75(a), "vulnerable");
  EXPECT_TRUE(Mentions(a.next_steps, "Intel MEBx"));
  EXPECT_FALSE(Mentions(a.next_steps, "Disable the Local Manageability"))
      << "LMS is installed but disabled and stopped";
}

}  // namespace
}  // namespace amtscope
