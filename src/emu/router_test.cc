#include "emu/router.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "emu/emu_testutil.h"

namespace amtscope::emu {
namespace {

constexpr std::time_t kNow = 1700000000;

HostProfile Profile(const std::string& fw, Mode mode = Mode::kVulnerable,
                    bool web_ui = true) {
  HostConfig c;
  c.address = "127.0.0.2";
  c.firmware = fw;
  c.mode = mode;
  c.web_ui = web_ui;
  return *MakeHostProfile(c, 0);
}

HttpRequest Get(const std::string& target) {
  HttpRequest r;
  r.method = "GET";
  r.target = target;
  return r;
}

std::string NonceOf(const std::string& response) {
  std::string h = testing::Header(response, "WWW-Authenticate");
  size_t a = h.find("nonce=\"") + 7;
  return h.substr(a, h.find('"', a) - a);
}

TEST(RouterTest, PublicPagesAndRedirect) {
  NonceMinter m;
  HostProfile p = Profile("7.1.91");
  EXPECT_EQ(Route(p, m, Get("/"), false, kNow, 1).status, 303);
  EXPECT_EQ(Route(p, m, Get("/logon.htm"), false, kNow, 1).status, 200);
  EXPECT_EQ(Route(p, m, Get("/styles.css"), false, kNow, 1).status, 200);
  EXPECT_EQ(Route(p, m, Get("/logo.gif"), false, kNow, 1).status, 200);
  EXPECT_EQ(Route(Profile("11.0.25"), m, Get("/"), false, kNow, 1).status, 302);
}

TEST(RouterTest, ProtectedPathsChallengeAndClose) {
  NonceMinter m;
  HostProfile p = Profile("8.1.40");
  for (const char* path :
       {"/index.htm", "/hw-sys.htm", "/nmaplowercheck123", "/HNAP1"}) {
    HttpReply r = Route(p, m, Get(path), false, kNow, 1);
    EXPECT_EQ(r.status, 401) << path;
    EXPECT_TRUE(r.close);
  }
  HttpRequest post = Get("/wsman");
  post.method = "POST";
  EXPECT_EQ(Route(p, m, post, false, kNow, 1).status, 401);
}

TEST(RouterTest, BypassThenPagesAndUnknown404) {
  NonceMinter m;
  HostProfile p = Profile("8.1.40");
  std::string nonce =
      NonceOf(Route(p, m, Get("/index.htm"), false, kNow, 1).bytes);
  auto with_auth = [&](std::string target) {
    HttpRequest r = Get(target);
    r.authorization = fmt::format(
        "Digest username=\"admin\", realm=\"{}\", nonce=\"{}\", uri=\"{}\", "
        "cnonce=\"x\", nc=1, "
        "qop=\"auth\", response=\"\"",
        p.realm, nonce, target);
    return r;
  };
  HttpReply ok = Route(p, m, with_auth("/index.htm"), false, kNow, 1);
  EXPECT_EQ(ok.status, 200);
  EXPECT_FALSE(ok.close);
  EXPECT_EQ(ok.auth.outcome, AuthOutcome::kBypass);
  EXPECT_NE(ok.bytes.find("firmware version: 8.1.40-build"), std::string::npos);
  EXPECT_EQ(Route(p, m, with_auth("/hw-sys.htm"), false, kNow, 1).status, 200);
  EXPECT_EQ(Route(p, m, with_auth("/nothing.htm"), false, kNow, 1).status, 404);
  EXPECT_EQ(Route(Profile("8.1.40", Mode::kPatched), m, with_auth("/index.htm"),
                  false, kNow, 1)
                .status,
            401);
}

TEST(RouterTest, WebUiDisabledOnlyWsman) {
  NonceMinter m;
  HostProfile p = Profile("11.0.25", Mode::kVulnerable, false);
  EXPECT_EQ(Route(p, m, Get("/index.htm"), false, kNow, 1).status, 404);
  EXPECT_EQ(Route(p, m, Get("/logon.htm"), false, kNow, 1).status, 404);
  EXPECT_EQ(Route(p, m, Get("/"), false, kNow, 1).status, 404);
  HttpRequest post = Get("/wsman");
  post.method = "POST";
  HttpReply r = Route(p, m, post, false, kNow, 1);
  ASSERT_EQ(r.status, 401);
  post.authorization = fmt::format(
      "Digest username=\"admin\", realm=\"{}\", nonce=\"{}\", uri=\"/wsman\", "
      "response=\"\", "
      "qop=auth, nc=00000001, cnonce=\"c\"",
      p.realm, NonceOf(r.bytes));
  post.body =
      "<s:Envelope><s:Header><wsa:Action>http://schemas.xmlsoap.org/ws/2004/09/"
      "transfer/Get"
      "</wsa:Action><wsman:ResourceURI>http://intel.com/wbem/wscim/1/"
      "amt-schema/1/AMT_GeneralSettings"
      "</wsman:ResourceURI><wsa:MessageID>uuid:1</wsa:MessageID></"
      "s:Header><s:Body/></s:Envelope>";
  HttpReply ok = Route(p, m, post, false, kNow, 7);
  ASSERT_EQ(ok.status, 200);
  EXPECT_NE(ok.bytes.find("X-Frame-Options: DENY\r\nContent-Type: "
                          "application/soap+xml; charset=UTF-8"),
            std::string::npos);
  std::string body =
      testing::Dechunk(ok.bytes.substr(ok.bytes.find("\r\n\r\n") + 4));
  EXPECT_NE(body.find("<g:DigestRealm>" + p.realm + "</g:DigestRealm>"),
            std::string::npos);
  EXPECT_NE(body.find("<b:RelatesTo>uuid:1</b:RelatesTo>"), std::string::npos);
  EXPECT_NE(body.find("uuid:00000000-8086-8086-8086-000000000007"),
            std::string::npos);
}

TEST(RouterTest, WsmanSoftwareIdentityGivesBuild) {
  NonceMinter m;
  HostConfig c;
  c.firmware = "9.1.41";
  c.build = 3024;
  c.mode = Mode::kPatched;
  HostProfile p = *MakeHostProfile(c, 0);
  HttpRequest post = Get("/wsman");
  post.method = "POST";
  std::string nonce = NonceOf(Route(p, m, post, false, kNow, 1).bytes);
  post.authorization = fmt::format(
      "Digest username=\"admin\", realm=\"{}\", nonce=\"{}\", uri=\"/wsman\", "
      "cnonce=\"c\", nc=00000001, "
      "qop=auth, response=\"{}\"",
      p.realm, nonce,
      DigestResponse("admin", p.realm, "P@ssw0rd", "POST", "/wsman", nonce,
                     "00000001", "c", "auth"));
  post.body =
      "<Envelope><Header><Action>http://schemas.xmlsoap.org/ws/2004/09/"
      "transfer/Get</Action>"
      "<ResourceURI>http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/"
      "CIM_SoftwareIdentity</ResourceURI>"
      "<SelectorSet><Selector Name=\"InstanceID\">Build "
      "Number</Selector></SelectorSet></Header></Envelope>";
  HttpReply ok = Route(p, m, post, false, kNow, 2);
  ASSERT_EQ(ok.status, 200);
  EXPECT_NE(ok.bytes.find("<g:VersionString>3024</g:VersionString>"),
            std::string::npos);
}

TEST(RouterTest, Http10Closes) {
  NonceMinter m;
  HttpRequest r = Get("/logon.htm");
  r.version = 10;
  EXPECT_TRUE(Route(Profile("8.1.40"), m, r, false, kNow, 1).close);
}

TEST(RouterTest, PlainWebIsNotAmtOnEveryPath) {
  NonceMinter m;
  HostConfig c;
  c.address = "127.0.0.2";
  c.product = Product::kPlainWeb;
  HostProfile p = *MakeHostProfile(c, 0);
  for (const char* path : {"/", "/index.htm", "/wsman", "/logon.htm"}) {
    HttpReply r = Route(p, m, Get(path), false, kNow, 1);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(testing::Header(r.bytes, "Server"), "nginx/1.22.1");
    EXPECT_EQ(testing::Header(r.bytes, "WWW-Authenticate"), "");
    EXPECT_NE(r.bytes.find("It works!"), std::string::npos);
  }
}

TEST(RouterTest, PathOf) {
  EXPECT_EQ(PathOf("/index.htm?x=1"), "/index.htm");
  EXPECT_EQ(PathOf("http://h:16992/hw-sys.htm"), "/hw-sys.htm");
  EXPECT_EQ(PathOf("http://h"), "/");
}

}  // namespace
}  // namespace amtscope::emu
