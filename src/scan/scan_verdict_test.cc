#include "scan/scan_verdict.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace amtscope {
namespace {

class DecideFindingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto db = AdvisoryDb::Embedded();
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = new AdvisoryDb(std::move(db).value());
  }
  static ProbeEvidence Amt(const std::string& server) {
    ProbeEvidence ev;
    ev.reach = Reach::kOpen;
    ev.first_status = 401;
    ev.server = server;
    ev.realm = "Digest:7BA70000000000000000000000000000";
    return ev;
  }
  Finding Decide(const ProbeEvidence& ev, bool passive = false) {
    ProbeTarget t{boost::asio::ip::make_address("127.0.0.1"), 16992, 0};
    return DecideFinding(t, ev, *db_, passive);
  }
  static bool Lists(const Finding& f, std::string_view id) {
    return std::find(f.advisories.begin(), f.advisories.end(), id) !=
           f.advisories.end();
  }
  static AdvisoryDb* db_;
};
AdvisoryDb* DecideFindingTest::db_ = nullptr;

TEST_F(DecideFindingTest, BypassAcceptedControlRefusedIsVulnerable) {
  ProbeEvidence ev = Amt("Intel(R) Active Management Technology 8.1.40");
  ev.bypass_status = 200;
  ev.bypass_marker = true;
  ev.control_status = 401;
  ev.page_version = "8.1.40-build 1234";
  Finding f = Decide(ev);
  EXPECT_TRUE(f.amt);
  EXPECT_EQ(f.product, "amt");
  EXPECT_EQ(f.version.ToString(), "8.1.40.1234");  // footer adds the build
  EXPECT_EQ(f.verdict, ScanVerdict::kVulnerable);
  EXPECT_EQ(f.basis, VerdictBasis::kBypass);
  EXPECT_TRUE(Lists(f, "INTEL-SA-00075"));
}

// INTEL-SA-00709 (docs/advisories.md): AMT on a plaintext port is an
// exposure whatever the version; TLS ports and non-AMT servers are not.
TEST_F(DecideFindingTest, PlaintextAmtPortIsAnSa00709Exposure) {
  ProbeEvidence ev = Amt("Intel(R) Active Management Technology 16.1.30");
  for (uint16_t port : {16992, 623}) {
    ProbeTarget t{boost::asio::ip::make_address("127.0.0.1"), port, 0};
    Finding f = DecideFinding(t, ev, *db_, true);
    EXPECT_EQ(f.exposures, std::vector<std::string>{"plaintext"}) << port;
    EXPECT_TRUE(Lists(f, "INTEL-SA-00709")) << port;
  }
  ProbeEvidence tls = ev;
  tls.tls = true;
  ProbeTarget t{boost::asio::ip::make_address("127.0.0.1"), 16993, 0};
  Finding secure = DecideFinding(t, tls, *db_, true);
  EXPECT_TRUE(secure.exposures.empty());
  EXPECT_FALSE(Lists(secure, "INTEL-SA-00709"));
  ProbeEvidence web = ev;
  web.server = "nginx";
  web.realm.clear();
  Finding other = Decide(web);
  EXPECT_FALSE(other.amt);
  EXPECT_TRUE(other.exposures.empty());
}

TEST_F(DecideFindingTest, ControlAcceptedIsNeverVulnerable) {
  ProbeEvidence ev = Amt("Intel(R) Active Management Technology 8.1.40");
  ev.bypass_status = 200;
  ev.bypass_marker = true;
  ev.control_status = 200;
  Finding f = Decide(ev);
  EXPECT_EQ(f.verdict, ScanVerdict::kUnknown);
  EXPECT_NE(f.reason.find("honeypot"), std::string::npos) << f.reason;
  EXPECT_FALSE(Lists(f, "INTEL-SA-00075"));
}

TEST_F(DecideFindingTest, NoMarkerOrFailedControlIsUnknown) {
  ProbeEvidence ev = Amt("Intel(R) Active Management Technology 8.1.40");
  ev.bypass_status = 200;
  ev.bypass_marker = false;
  ev.control_status = 401;
  EXPECT_EQ(Decide(ev).verdict, ScanVerdict::kUnknown);
  ev.bypass_marker = true;
  ev.control_status = 0;
  ev.error = "timeout";
  EXPECT_EQ(Decide(ev).verdict, ScanVerdict::kUnknown);
}

TEST_F(DecideFindingTest, RefusedBypassIsNotVulnerableAndExplainsVersion) {
  ProbeEvidence ev = Amt("Intel(R) Active Management Technology 8.1.40.1234");
  ev.bypass_status = 401;
  Finding f = Decide(ev);
  EXPECT_EQ(f.verdict, ScanVerdict::kNotVulnerable);
  EXPECT_EQ(f.basis, VerdictBasis::kBypass);
  EXPECT_NE(f.reason.find("looks affected"), std::string::npos) << f.reason;
  EXPECT_FALSE(Lists(f, "INTEL-SA-00075"));
}

TEST_F(DecideFindingTest, PatchedVersionRefusedAgrees) {
  ProbeEvidence ev = Amt("Intel(R) Active Management Technology 11.8.50.3425");
  ev.bypass_status = 401;
  Finding f = Decide(ev);
  EXPECT_EQ(f.verdict, ScanVerdict::kNotVulnerable);
  EXPECT_EQ(f.reason.find("looks affected"), std::string::npos) << f.reason;
}

TEST_F(DecideFindingTest, PassiveUsesVersionAndKeepsAmbiguityUnknown) {
  EXPECT_EQ(
      Decide(Amt("Intel(R) Active Management Technology 8.1.40.1234"), true)
          .verdict,
      ScanVerdict::kVulnerable);
  EXPECT_EQ(
      Decide(Amt("Intel(R) Active Management Technology 8.1.40.1234"), true)
          .basis,
      VerdictBasis::kVersion);
  // 3 parts below the fix: a 3xxx build would be fixed, so the build decides.
  EXPECT_EQ(
      Decide(Amt("Intel(R) Active Management Technology 8.1.40"), true).verdict,
      ScanVerdict::kUnknown);
  // 3 parts equal to the fix's: the build decides (§3.3).
  EXPECT_EQ(
      Decide(Amt("Intel(R) Active Management Technology 8.1.71"), true).verdict,
      ScanVerdict::kUnknown);
  Finding bare = Decide(Amt("AMT"), true);
  EXPECT_TRUE(bare.amt);
  EXPECT_EQ(bare.verdict, ScanVerdict::kUnknown);
  EXPECT_EQ(bare.basis, VerdictBasis::kNone);
  EXPECT_EQ(
      Decide(Amt("Intel(R) Active Management Technology 11.8.50.3425"), true)
          .verdict,
      ScanVerdict::kNotVulnerable);
}

TEST_F(DecideFindingTest, RealmAloneRecognisesAmt) {
  ProbeEvidence ev = Amt("");
  Finding f = Decide(ev, true);
  EXPECT_TRUE(f.amt);
  EXPECT_NE(f.reason.find("realm"), std::string::npos);
}

TEST_F(DecideFindingTest, NonAmtServer) {
  ProbeEvidence ev;
  ev.reach = Reach::kOpen;
  ev.first_status = 200;
  ev.server = "nginx/1.22.1";
  Finding f = Decide(ev);
  EXPECT_FALSE(f.amt);
  EXPECT_EQ(f.verdict, ScanVerdict::kNotAmt);
  EXPECT_TRUE(f.advisories.empty());
}

TEST_F(DecideFindingTest, UnauthenticatedOkIsNotAmtBehaviour) {
  ProbeEvidence ev = Amt("Intel(R) Active Management Technology 8.1.40");
  ev.first_status = 200;
  ev.realm.clear();
  EXPECT_EQ(Decide(ev).verdict, ScanVerdict::kUnknown);
  EXPECT_EQ(Decide(ev, true).verdict, ScanVerdict::kUnknown);
}

TEST_F(DecideFindingTest, NoActiveEvidenceFallsBackToVersion) {
  ProbeEvidence ev = Amt("Intel(R) Active Management Technology 7.1.20.1100");
  ev.error = "timeout";
  Finding f = Decide(ev);
  EXPECT_EQ(f.verdict, ScanVerdict::kVulnerable);
  EXPECT_EQ(f.basis, VerdictBasis::kVersion);
  EXPECT_NE(f.reason.find("timeout"), std::string::npos);
}

// scan --reason: the short why, from the basis and the recorded statuses.
TEST_F(DecideFindingTest, ReasonCodeNamesWhatDecided) {
  ProbeEvidence ev = Amt("Intel(R) Active Management Technology 8.1.40");
  ev.bypass_status = 200;
  ev.bypass_marker = true;
  ev.control_status = 401;
  EXPECT_EQ(ReasonCode(Decide(ev)), "empty-digest-200/wrong-401");
  ProbeEvidence refused = Amt("Intel(R) Active Management Technology 8.1.40");
  refused.bypass_status = 401;
  EXPECT_EQ(ReasonCode(Decide(refused)), "empty-digest-401");
  auto passive = [this](const char* version) {
    return ReasonCode(Decide(
        Amt(std::string("Intel(R) Active Management Technology ") + version),
        true));
  };
  EXPECT_EQ(passive("7.1.20.1100"), "version 7.1.20.1100 in affected range");
  EXPECT_EQ(passive("11.8.55"), "version 11.8.55 in fixed range");
  // No build number on the 8.1 line: the version alone cannot decide.
  EXPECT_EQ(passive("8.1.40"), "version 8.1.40 undecided");
  EXPECT_EQ(ReasonCode(Decide(Amt("AMT"), true)), "no version");
  ProbeEvidence nginx;
  nginx.reach = Reach::kOpen;
  nginx.first_status = 200;
  nginx.server = "nginx/1.22.1";
  EXPECT_EQ(ReasonCode(Decide(nginx)), "no AMT banner");
  ProbeEvidence silent;
  silent.reach = Reach::kOpen;
  silent.error = "timeout";
  EXPECT_EQ(ReasonCode(Decide(silent)), "no HTTP answer");
}

// scan -v: one line per request with its status, the deciding headers, the
// verdict; copied from the probe's evidence, nothing re-probed.
TEST_F(DecideFindingTest, EvidenceLinesShowEachRequest) {
  ProbeEvidence ev = Amt("Intel(R) Active Management Technology 8.1.40");
  ev.bypass_status = 200;
  ev.bypass_marker = true;
  ev.control_status = 401;
  std::vector<std::string> lines = EvidenceLines(Decide(ev));
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0], "127.0.0.1:16992 plain HTTP");
  EXPECT_EQ(lines[1],
            "127.0.0.1:16992 GET /index.htm (no credentials) -> 401; Server: "
            "Intel(R) Active "
            "Management Technology 8.1.40; WWW-Authenticate "
            "realm=\"Digest:7BA70000000000000000000000000000\"");
  EXPECT_EQ(lines[2],
            "127.0.0.1:16992 GET /index.htm (Digest, empty response) -> 200 "
            "with an AMT page");
  EXPECT_EQ(lines[3],
            "127.0.0.1:16992 GET /index.htm (Digest, wrong response) -> 401");
  EXPECT_EQ(
      lines[4].rfind(
          "127.0.0.1:16992 verdict vulnerable (basis bypass): empty Digest", 0),
      0u)
      << lines[4];

  ProbeEvidence wsman = Amt("Intel(R) Active Management Technology 11.8.55");
  wsman.web_ui_disabled = true;
  wsman.resource = AmtResource::kWsman;
  wsman.bypass_status = 401;
  lines = EvidenceLines(Decide(wsman));
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(
      lines[1],
      "127.0.0.1:16992 GET /index.htm (no credentials) -> 404 (web UI off)");
  EXPECT_EQ(
      lines[2].rfind(
          "127.0.0.1:16992 POST /wsman (no credentials) -> 401; Server:", 0),
      0u);
  EXPECT_EQ(lines[3],
            "127.0.0.1:16992 POST /wsman (Digest, empty response) -> 401");

  ProbeEvidence silent;
  silent.reach = Reach::kOpen;
  silent.error = "timeout";
  lines = EvidenceLines(Decide(silent));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(
      lines[1],
      "127.0.0.1:16992 GET /index.htm (no credentials) -> no answer (timeout)");
}

}  // namespace
}  // namespace amtscope
