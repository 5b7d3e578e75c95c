#include "net/digest.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace amtscope {
namespace {

constexpr char kRealm[] = "Digest:7BA70000000000000000000000000000";
constexpr char kNonce[] = "/tsfAAYGAADdx+TCLSlXsW7FN7GY/hf7";

TEST(DigestChallengeTest, ParsesRecordedAmtChallenge) {
  // docs/protocol.md §2.2, byte for byte.
  auto c = ParseDigestChallenge(
      "Digest realm=\"Digest:7BA70000000000000000000000000000\", "
      "nonce=\"/tsfAAYGAADdx+TCLSlXsW7FN7GY/"
      "hf7\",stale=\"false\",qop=\"auth\"");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->realm, kRealm);
  EXPECT_EQ(c->nonce, kNonce);
  EXPECT_EQ(c->qop, "auth");
  EXPECT_FALSE(c->stale);
  EXPECT_EQ(c->algorithm, "");
}

TEST(DigestChallengeTest, AcceptsMissingSchemeSpacesAndStaleTrue) {
  auto c = ParseDigestChallenge(
      "realm=\"r\" nonce=\"n\" stale=TRUE opaque=o algorithm=MD5");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->realm, "r");
  EXPECT_EQ(c->nonce, "n");
  EXPECT_TRUE(c->stale);
  EXPECT_EQ(c->opaque, "o");
  EXPECT_EQ(c->algorithm, "MD5");
}

TEST(DigestChallengeTest, RejectsBasicAndMissingNonce) {
  EXPECT_FALSE(ParseDigestChallenge("Basic realm=\"x\"").ok());
  EXPECT_FALSE(ParseDigestChallenge("Digest realm=\"x\"").ok());
  EXPECT_FALSE(ParseDigestChallenge("").ok());
}

// Every form of §1.2.
TEST(DigestAuthorizationTest, NmapForm) {
  auto d = ParseDigestAuthorization(
      "Digest username=\"admin\", "
      "realm=\"Digest:7BA70000000000000000000000000000\", "
      "nonce=\"/tsfAAYGAADdx+TCLSlXsW7FN7GY/hf7\", "
      "uri=\"index.htm\",cnonce=\"abcdefghij\", "
      "nc=1, qop=\"auth\", response=\"\"");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->username, "admin");
  EXPECT_EQ(d->realm, kRealm);
  EXPECT_EQ(d->nonce, kNonce);
  EXPECT_EQ(d->uri, "index.htm");
  EXPECT_EQ(d->cnonce, "abcdefghij");
  EXPECT_EQ(d->nc, "1");
  EXPECT_EQ(d->qop, "auth");
  EXPECT_TRUE(d->has_response);
  EXPECT_EQ(d->response, "");
}

TEST(DigestAuthorizationTest, MetasploitArbitraryCnonceBytes) {
  std::string header =
      "Digest username=\"admin\", realm=\"R\", nonce=\"N\", "
      "uri=\"/hw-sys.htm\", "
      "cnonce=\"a\"b,c \x01\xff\\\", nc=1, qop=\"auth\", response=\"\"";
  auto d = ParseDigestAuthorization(header);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->uri, "/hw-sys.htm");
  EXPECT_EQ(d->cnonce, "a\"b,c \x01\xff\\");
  EXPECT_EQ(d->nc, "1");
  EXPECT_TRUE(d->has_response);
  EXPECT_EQ(d->response, "");
}

TEST(DigestAuthorizationTest, GreenboneOrder) {
  auto d = ParseDigestAuthorization(
      "Digest username=\"admin\", realm=\"Digest:AB\", nonce=\"N\", "
      "uri=\"/index.htm\", "
      "response=\"\", qop=auth, nc=00000001, cnonce=\"cb199a22ab5646c7\"");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->qop, "auth");
  EXPECT_EQ(d->nc, "00000001");
  EXPECT_EQ(d->cnonce, "cb199a22ab5646c7");
  EXPECT_TRUE(d->has_response);
}

TEST(DigestAuthorizationTest, NixawkUnquotedEmptyResponse) {
  auto d = ParseDigestAuthorization(
      "Digest realm=\"Digest:7BA70000000000000000000000000000\", "
      "nonce=\"/tsfAAYGAADdx+TCLSlXsW7FN7GY/"
      "hf7\",username=admin,response=,uri=/index.htm,"
      "nc=00000001,cnonce=60513ab58858482c,qop=\"auth\"");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->username, "admin");
  EXPECT_TRUE(d->has_response);
  EXPECT_EQ(d->response, "");
  EXPECT_EQ(d->uri, "/index.htm");
  EXPECT_EQ(d->cnonce, "60513ab58858482c");
  EXPECT_EQ(d->qop, "auth");
  EXPECT_EQ(d->nonce, kNonce);
}

TEST(DigestAuthorizationTest, ChoKyuWonEmptyCnonce) {
  auto d = ParseDigestAuthorization(
      "Digest username=\"admin\", realm=\"R\", nonce=\"N\", "
      "uri=\"index.htm\",response=\"\", "
      "qop=auth, nc=00000001,cnonce=\"\"");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->cnonce, "");
  EXPECT_EQ(d->nc, "00000001");
  EXPECT_TRUE(d->has_response);
}

TEST(DigestAuthorizationTest, AmttoolAndCurlForms) {
  auto a = ParseDigestAuthorization(
      "Digest username=\"admin\", realm=\"R\", qop=auth, algorithm=\"MD5\", "
      "uri=\"/SecurityAdministrationService\", nonce=\"N\", nc=00000001, "
      "cnonce=\"c\", "
      "response=\"0123456789abcdef0123456789abcdef\"");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->algorithm, "MD5");
  EXPECT_EQ(a->response, "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(a->uri, "/SecurityAdministrationService");
}

TEST(DigestAuthorizationTest, NoResponseParameter) {
  auto d = ParseDigestAuthorization("Digest username=\"admin\", nonce=\"n\"");
  ASSERT_TRUE(d.ok());
  EXPECT_FALSE(d->has_response);
}

TEST(DigestAuthorizationTest, CaseInsensitiveNamesAndScheme) {
  auto d =
      ParseDigestAuthorization("dIgEsT UserName=\"admin\" ,Response=\"ab\"");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->username, "admin");
  EXPECT_EQ(d->response, "ab");
}

TEST(DigestAuthorizationTest, RejectsOtherSchemesAndEmpty) {
  EXPECT_FALSE(ParseDigestAuthorization("Basic YWRtaW46YWRtaW4=").ok());
  EXPECT_FALSE(ParseDigestAuthorization("Digest").ok());
  EXPECT_FALSE(ParseDigestAuthorization("").ok());
}

TEST(DigestAuthorizationTest, GarbageNeverCrashes) {
  for (std::string s : std::vector<std::string>{
           "=", "Digest ===", "Digest a=\"", "Digest \"\"\"", ",,,,",
           "Digest a=\\", std::string("Digest a=\0b", 11)}) {
    (void)ParseDigestAuthorization(s);
    (void)ParseDigestChallenge(s);
  }
}

TEST(DigestComputeTest, Md5KnownVectors) {
  EXPECT_EQ(Md5Hex(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(Md5Hex("abc"), "900150983cd24fb0d6963f7d28e17f72");
}

TEST(DigestComputeTest, Rfc2617Example) {
  // RFC 2617 §3.5.
  EXPECT_EQ(
      DigestResponse("Mufasa", "testrealm@host.com", "Circle Of Life", "GET",
                     "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                     "00000001", "0a4f113b", "auth"),
      "6629fae49393a05397450978507c4ef1");
}

TEST(DigestComputeTest, WithoutQopUsesShortForm) {
  std::string ha1 = Md5Hex("u:r:p");
  std::string ha2 = Md5Hex("GET:/x");
  EXPECT_EQ(DigestResponse("u", "r", "p", "GET", "/x", "n", "", "", ""),
            Md5Hex(ha1 + ":n:" + ha2));
}

}  // namespace
}  // namespace amtscope
