#include "emu/digest_auth.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>

namespace amtscope::emu {
namespace {

constexpr std::time_t kNow = 1700000000;

HostProfile Profile(Mode mode, const std::string& fw = "8.1.40") {
  HostConfig c;
  c.address = "127.0.0.2";
  c.firmware = fw;
  c.mode = mode;
  c.admin_password = "Secret1!";
  return *MakeHostProfile(c, 0);
}

std::string Header(const HostProfile& p, const std::string& nonce,
                   const std::string& response,
                   const std::string& user = "admin") {
  return fmt::format(
      "Digest username=\"{}\", realm=\"{}\", nonce=\"{}\", "
      "uri=\"index.htm\",cnonce=\"abcdefghij\", "
      "nc=1, qop=\"auth\", response=\"{}\"",
      user, p.realm, nonce, response);
}

std::string Correct(const HostProfile& p, const std::string& nonce,
                    const std::string& pw) {
  return DigestResponse("admin", p.realm, pw, "GET", "index.htm", nonce, "1",
                        "abcdefghij", "auth");
}

AuthResult Check(const HostProfile& p, const NonceMinter& m,
                 const std::string& h) {
  return CheckAuthorization(p, m, "GET", std::string_view(h), kNow);
}

TEST(NonceTest, RecordedFormat) {
  NonceMinter m;
  for (const char* fw : {"8.1.40", "11.8.50.3425"}) {
    HostProfile p = Profile(Mode::kPatched, fw);
    std::string n = m.Mint(p, kNow);
    ASSERT_EQ(n.size(), 32u);
    unsigned char raw[32];
    ASSERT_EQ(EVP_DecodeBlock(
                  raw, reinterpret_cast<const unsigned char*>(n.data()), 32),
              24);
    EXPECT_EQ(raw[6], 0);
    EXPECT_EQ(raw[7], 0);
    if (std::string(fw) == "11.8.50.3425") {
      for (int i = 8; i < 12; ++i) EXPECT_EQ(raw[i], 0);
    }
    EXPECT_TRUE(m.Valid(p, n, kNow + 10));
    EXPECT_FALSE(m.Valid(p, n, kNow + 100000));  // expired
    EXPECT_FALSE(m.Valid(Profile(Mode::kPatched, "15.0.23.1706"), n,
                         kNow));  // other host realm
  }
  EXPECT_FALSE(m.Valid(Profile(Mode::kPatched),
                       "/tsfAAYGAADdx+TCLSlXsW7FN7GY/hf7", kNow));
}

TEST(DigestAuthTest, VulnerableAcceptsEmptyAndPrefixes) {
  NonceMinter m;
  HostProfile p = Profile(Mode::kVulnerable);
  std::string n = m.Mint(p, kNow);
  std::string right = Correct(p, n, "Secret1!");
  EXPECT_EQ(Check(p, m, Header(p, n, "")).outcome, AuthOutcome::kBypass);
  EXPECT_TRUE(Check(p, m, Header(p, n, "")).bypass_form);
  EXPECT_EQ(Check(p, m, Header(p, n, right.substr(0, 1))).outcome,
            AuthOutcome::kBypass);
  EXPECT_EQ(Check(p, m, Header(p, n, right.substr(0, 31))).outcome,
            AuthOutcome::kBypass);
  EXPECT_EQ(Check(p, m, Header(p, n, right)).outcome, AuthOutcome::kPassword);
  std::string wrong = Correct(p, n, "nope");
  EXPECT_EQ(Check(p, m, Header(p, n, wrong)).outcome, AuthOutcome::kRejected);
  EXPECT_EQ(Check(p, m,
                  Header(p, n,
                         wrong.substr(0, 3) == right.substr(0, 3)
                             ? "zz"
                             : wrong.substr(0, 3)))
                .outcome,
            AuthOutcome::kRejected);
}

TEST(DigestAuthTest, VulnerableStillNeedsKnownUserAndValidNonce) {
  NonceMinter m;
  HostProfile p = Profile(Mode::kVulnerable);
  std::string n = m.Mint(p, kNow);
  EXPECT_EQ(Check(p, m, Header(p, n, "", "root")).outcome,
            AuthOutcome::kRejected);
  EXPECT_EQ(
      Check(p, m, Header(p, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "")).outcome,
      AuthOutcome::kRejected);
  std::string no_response = fmt::format(
      "Digest username=\"admin\", realm=\"{}\", nonce=\"{}\", "
      "uri=\"/index.htm\"",
      p.realm, n);
  EXPECT_EQ(Check(p, m, no_response).outcome, AuthOutcome::kRejected);
}

TEST(DigestAuthTest, PatchedOnlyExact) {
  NonceMinter m;
  HostProfile p = Profile(Mode::kPatched);
  std::string n = m.Mint(p, kNow);
  std::string right = Correct(p, n, "Secret1!");
  EXPECT_EQ(Check(p, m, Header(p, n, "")).outcome, AuthOutcome::kRejected);
  EXPECT_TRUE(Check(p, m, Header(p, n, "")).bypass_form);
  EXPECT_EQ(Check(p, m, Header(p, n, right.substr(0, 16))).outcome,
            AuthOutcome::kRejected);
  EXPECT_EQ(Check(p, m, Header(p, n, right)).outcome, AuthOutcome::kPassword);
}

TEST(DigestAuthTest, AnyPasswordAcceptsWrongResponsesButNotStrangers) {
  NonceMinter m;
  HostProfile p = Profile(Mode::kAnyPassword);
  std::string n = m.Mint(p, kNow);
  EXPECT_EQ(Check(p, m, Header(p, n, "")).outcome, AuthOutcome::kBypass);
  EXPECT_EQ(Check(p, m, Header(p, n, std::string(32, '0'))).outcome,
            AuthOutcome::kBypass);
  EXPECT_EQ(Check(p, m, Header(p, n, Correct(p, n, "Secret1!"))).outcome,
            AuthOutcome::kPassword);
  EXPECT_EQ(Check(p, m, Header(p, n, "", "root")).outcome,
            AuthOutcome::kRejected);
}

TEST(DigestAuthTest, EveryToolFormIsUnderstood) {
  NonceMinter m;
  HostProfile p = Profile(Mode::kVulnerable);
  std::string n = m.Mint(p, kNow);
  // §1.2: nixawk (unquoted, empty response=), ChoKyuWon (empty cnonce),
  // Greenbone.
  for (const std::string& h :
       {fmt::format("Digest realm=\"{}\", "
                    "nonce=\"{}\",username=admin,response=,uri=/index.htm,"
                    "nc=00000001,cnonce=60513ab58858482c,qop=\"auth\"",
                    p.realm, n),
        fmt::format("Digest username=\"admin\", realm=\"{}\", nonce=\"{}\", "
                    "uri=\"index.htm\","
                    "response=\"\", qop=auth, nc=00000001,cnonce=\"\"",
                    p.realm, n),
        fmt::format(
            "Digest username=\"admin\", realm=\"{}\", nonce=\"{}\", "
            "uri=\"/index.htm\", "
            "response=\"\", qop=auth, nc=00000001, cnonce=\"cb199a22ab5646c7\"",
            p.realm, n)}) {
    EXPECT_EQ(Check(p, m, h).outcome, AuthOutcome::kBypass) << h;
  }
}

TEST(DigestAuthTest, NoneAndMalformed) {
  NonceMinter m;
  HostProfile p = Profile(Mode::kVulnerable);
  EXPECT_EQ(CheckAuthorization(p, m, "GET", std::nullopt, kNow).outcome,
            AuthOutcome::kNone);
  AuthResult basic = Check(p, m, "Basic YWRtaW46YWRtaW4=");
  EXPECT_EQ(basic.outcome, AuthOutcome::kMalformed);
  EXPECT_EQ(basic.scheme, "Basic");
}

}  // namespace
}  // namespace amtscope::emu
