// Assessment over in-memory facts: fakes for the file system, the ME and the
// web probe; the real embedded advisory and vendor databases.
#include "local/assessment.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "local/check_report.h"
#include "local/command_runner.h"
#include "testing/fake_command_runner.h"
#include "testing/fake_file_system.h"
#include "testing/fake_mei.h"

namespace amtscope {
namespace {

class FixedWeb : public WebProbe {
 public:
  explicit FixedWeb(std::string head) : head_(std::move(head)) {}
  WebProbeResult Probe() override {
    WebProbeResult r;
    r.source = "http://127.0.0.1:16992/";
    ParseHttpHead(head_, &r);
    return r;
  }

 private:
  std::string head_;
};

class AssessmentTest : public ::testing::Test {
 protected:
  Assessment Run(MeiTransport* mei = nullptr, WebProbe* web = nullptr) {
    FactSources s;
    s.fs = &fs_;
    s.mei = mei;
    s.mei_source = "/dev/mei0";
    s.web = web;
    s.web_skipped = "test";
    facts_ = GatherFacts(s, "/");
    return Assess(facts_, db_, vendors_);
  }
  const AdvisoryVerdict& Sa75(const Assessment& a) {
    for (const auto& v : a.advisories) {
      if (v.id == "INTEL-SA-00075") return v;
    }
    static AdvisoryVerdict none;
    return none;
  }
  FakeFileSystem fs_;
  LocalFacts facts_;
  AdvisoryDb db_ = AdvisoryDb::Embedded().value();
  VendorDb vendors_ = VendorDb::Embedded().value();
};

TEST_F(AssessmentTest, UnprivilegedVersionAndReasonNamesTheFile) {
  fs_.AddFile("sys/class/mei/mei0/fw_ver", "0:11.0.22.1000\n");
  fs_.AddFile("sys/class/mei/mei0/fw_status",
              "90000245\n0\n00000030\n0\n0\n0\n");
  FakeMeiConfig c;
  c.open = MeiStatus::kNeedsRoot;
  FakeMei mei(c);
  Assessment a = Run(&mei);
  EXPECT_EQ(a.version->ToString(), "11.0.22.1000");
  EXPECT_EQ(a.version_basis,
            "ME version 11.0.22.1000 from /sys/class/mei/mei0/fw_ver");
  EXPECT_EQ(a.sku, FwSku::kCorporate);
  EXPECT_EQ(Sa75(a).verdict, Verdict::kVulnerable);
  EXPECT_NE(Sa75(a).reason.find("/sys/class/mei/mei0/fw_ver"),
            std::string::npos);
  EXPECT_FALSE(a.provisioned.has_value());
  ASSERT_FALSE(a.root_would_add.empty());
  EXPECT_NE(a.root_would_add[0].find("Permission denied"), std::string::npos);
  EXPECT_TRUE(a.AnyVulnerable());
}

// Root that still cannot reach MEI gets the reason, not "run as root".
TEST_F(AssessmentTest, AlreadyRootIsNotToldToRunAsRoot) {
  fs_.AddFile("sys/class/mei/mei0/fw_ver", "0:11.0.22.1000\n");
  FakeMeiConfig c;
  c.open = MeiStatus::kNeedsRoot;
  FakeMei mei(c);
  Run(&mei);
  facts_.as_root = true;
  Assessment a = Assess(facts_, db_, vendors_);
  ASSERT_EQ(a.root_would_add.size(), 1u);
  EXPECT_NE(a.root_would_add[0].find("already running as root"),
            std::string::npos);
  EXPECT_EQ(a.root_would_add[0].find("sudo"), std::string::npos);
}

// Nothing shows an Intel ME (AMD, VM, container): say so, suggest nothing.
TEST_F(AssessmentTest, NoIntelMeMeansNothingToFix) {
  fs_.AddFile("sys/class/mei/.keep", "");  // driver loaded, no device
  Assessment a = Run();
  ASSERT_EQ(a.next_steps.size(), 1u);
  EXPECT_NE(a.next_steps[0].find("No Intel ME device was found"),
            std::string::npos);
  EXPECT_TRUE(a.root_would_add.empty());
  fs_.AddFile("sys/bus/pci/devices/0000:00:16.0/vendor", "0x8086\n");
  Assessment intel = Run();  // an Intel MEI function: the usual steps
  EXPECT_EQ(intel.next_steps[0].find("No Intel ME"), std::string::npos);
  EXPECT_FALSE(intel.root_would_add.empty());
}

TEST_F(AssessmentTest, AmthiVersionWinsAndAdminControlNeedsMebx) {
  fs_.AddFile("sys/class/mei/mei0/fw_ver", "0:8.1.70.3600\n");
  FakeMeiConfig c;
  c.version = FirmwareVersion(8, 1, 70, 3600);
  c.control_mode = 2;
  FakeMei mei(c);
  Assessment a = Run(&mei);
  EXPECT_NE(a.version_basis.find("AMTHI GetCodeVersions"), std::string::npos);
  EXPECT_EQ(a.product, Sku::kAmt);
  EXPECT_EQ(a.provisioned, std::optional<bool>(true));
  EXPECT_EQ(a.control_mode, std::optional<std::uint32_t>(2));
  bool mebx = false;
  for (const auto& s : a.next_steps)
    mebx |= s.find("Ctrl+P") != std::string::npos;
  EXPECT_TRUE(mebx);
  EXPECT_TRUE(a.root_would_add.empty());
}

TEST_F(AssessmentTest, ConsumerNeedsNoAction) {
  fs_.AddFile("sys/class/mei/mei0/fw_ver", "0:11.8.50.3425\n");
  fs_.AddFile("sys/class/mei/mei0/fw_status", "90000245\n0\n00000020\n");
  Assessment a = Run();
  EXPECT_EQ(a.sku, FwSku::kConsumer);
  EXPECT_EQ(Sa75(a).verdict, Verdict::kNotVulnerable);
  EXPECT_NE(Sa75(a).reason.find("HFSTS3"), std::string::npos);
  EXPECT_EQ(a.provisioned, std::optional<bool>(false));
}

TEST_F(AssessmentTest, BareAmtBannerMeansAmtPresentVersionUnknown) {
  FixedWeb web(
      "HTTP/1.1 303 See Other\r\nLocation: /logon.htm\r\nContent-Length: "
      "0\r\nServer: AMT\r\n");
  Assessment a = Run(nullptr, &web);
  EXPECT_FALSE(a.version.has_value());
  EXPECT_EQ(a.sku, FwSku::kCorporate);
  EXPECT_EQ(a.provisioned, std::optional<bool>(true));
  EXPECT_EQ(Sa75(a).verdict, Verdict::kUnknown);
  nlohmann::json j = CheckToJson(facts_, a);
  EXPECT_TRUE(j["me"]["version"].is_null());
  EXPECT_EQ(j["web"]["server"], "AMT");
}

TEST_F(AssessmentTest, TextReportHasEverySection) {
  fs_.AddFile("sys/class/mei/mei0/fw_ver", "0:9.5.61.3012\n");
  fs_.AddFile("sys/class/dmi/id/sys_vendor", "HP\n");
  fs_.AddFile("sys/class/dmi/id/product_name", "HP EliteBook 850 G1\n");
  FakeMeiConfig c;
  c.version = FirmwareVersion(9, 5, 61, 3012);
  FakeMei mei(c);
  Assessment a = Run(&mei);
  std::string text = CheckToText(facts_, a);
  for (const char* s :
       {"Machine", "Management Engine", "Local Manageability Service",
        "Advisories", "Next steps", "HP EliteBook 850 G1", "9.5.61.3012",
        "client-control"}) {
    EXPECT_NE(text.find(s), std::string::npos) << s;
  }
  EXPECT_EQ(Sa75(a).verdict, Verdict::kNotVulnerable);
}

TEST(HttpWebProbe, ReadsTheServerHeaderOverLoopback) {
  int srv = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(srv, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(srv, 1), 0);
  socklen_t len = sizeof addr;
  ::getsockname(srv, reinterpret_cast<sockaddr*>(&addr), &len);
  std::thread server([srv] {
    int c = ::accept(srv, nullptr, nullptr);
    char buf[1024];
    (void)::recv(c, buf, sizeof buf, 0);
    const char resp[] =
        "HTTP/1.1 303 See Other\r\nLocation: /logon.htm\r\nContent-Length: "
        "0\r\n"
        "Server: Intel(R) Active Management Technology 7.1.91\r\n\r\n";
    (void)::send(c, resp, sizeof resp - 1, 0);
    ::close(c);
  });
  HttpWebProbe probe("127.0.0.1", ntohs(addr.sin_port),
                     std::chrono::milliseconds(2000));
  WebProbeResult r = probe.Probe();
  server.join();
  ::close(srv);
  EXPECT_TRUE(r.answered);
  EXPECT_EQ(r.status, 303);
  EXPECT_TRUE(r.amt);
  EXPECT_EQ(r.version->ToString(), "7.1.91");
  // The same port is now closed: refused, not a hang.
  WebProbeResult closed = probe.Probe();
  EXPECT_FALSE(closed.answered);
  EXPECT_FALSE(closed.error.empty());
}

TEST(ParseHttpHead, ServerForms) {
  WebProbeResult r;
  ASSERT_TRUE(
      ParseHttpHead("HTTP/1.1 401 Unauthorized\r\nserver: Intel(R) Standard "
                    "Manageability 9.0.3\r\n",
                    &r));
  EXPECT_EQ(r.product, "ism");
  EXPECT_EQ(r.version->ToString(), "9.0.3");
  WebProbeResult n;
  ASSERT_TRUE(ParseHttpHead("HTTP/1.0 200 OK\r\nServer: nginx\r\n", &n));
  EXPECT_FALSE(n.amt);
  WebProbeResult bad;
  EXPECT_FALSE(ParseHttpHead("SSH-2.0-OpenSSH_9.2\r\n", &bad));
  EXPECT_FALSE(ParseHttpHead("HTTP/1.1 2x0 OK\r\n", &bad));
}

TEST(DisableLms, RunsExactlySystemctlDisableNow) {
  FakeCommandRunner ok;
  EXPECT_TRUE(DisableLms(ok).ok());
  ASSERT_EQ(ok.commands.size(), 1u);
  EXPECT_EQ(ok.commands[0], (std::vector<std::string>{"systemctl", "disable",
                                                      "--now", "lms.service"}));
  FakeCommandRunner fails(5);
  Status s = DisableLms(fails);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("status 5"), std::string::npos);
}

}  // namespace
}  // namespace amtscope
