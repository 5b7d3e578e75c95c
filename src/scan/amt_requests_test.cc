#include "scan/amt_requests.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "net/digest.h"

namespace amtscope {
namespace {

TEST(AmtRequests, BypassHeaderParsesAsEmptyResponse) {
  DigestAttempt a{"Digest:7BA70000000000000000000000000000",
                  "/tsfAAYGAADdx+TCLSlXsW7FN7GY/hf7",
                  "auth",
                  "",
                  "0123456789abcdef",
                  1};
  std::string h = DigestAuthorization("/index.htm", a);
  EXPECT_EQ(h,
            "Digest username=\"admin\", "
            "realm=\"Digest:7BA70000000000000000000000000000\", "
            "nonce=\"/tsfAAYGAADdx+TCLSlXsW7FN7GY/hf7\", uri=\"/index.htm\", "
            "response=\"\", "
            "qop=auth, nc=00000001, cnonce=\"0123456789abcdef\"");
  auto parsed = ParseDigestAuthorization(h);
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed->has_response);
  EXPECT_EQ(parsed->response, "");
  EXPECT_EQ(parsed->username, "admin");
}

TEST(AmtRequests, HostileRealmCannotInjectHeaders) {
  DigestAttempt a{"x\"\r\nX-Evil: 1", "n", "", "", "", 1};
  std::string h = DigestAuthorization("/index.htm", a);
  EXPECT_EQ(h.find('\r'), std::string::npos);
  EXPECT_EQ(h.find("qop"), std::string::npos);  // RFC 2069 form without qop
}

TEST(AmtRequests, GetAndWsmanRequests) {
  std::string get = BuildRequest(AmtResource::kIndex, "198.18.0.1:16992", "");
  EXPECT_EQ(
      get.rfind("GET /index.htm HTTP/1.1\r\nHost: 198.18.0.1:16992\r\n", 0),
      0u);
  EXPECT_EQ(get.substr(get.size() - 4), "\r\n\r\n");
  std::string post = BuildRequest(AmtResource::kWsman, "h", "Digest x");
  EXPECT_EQ(post.rfind("POST /wsman HTTP/1.1\r\n", 0), 0u);
  EXPECT_NE(post.find("Authorization: Digest x\r\n"), std::string::npos);
  EXPECT_NE(post.find("CIM_SoftwareIdentity"), std::string::npos);
  size_t body = post.find("\r\n\r\n") + 4;
  EXPECT_NE(
      post.find(fmt::format("Content-Length: {}\r\n", post.size() - body)),
      std::string::npos);
}

TEST(AmtRequests, HostHeaderBracketsIpv6) {
  EXPECT_EQ(HostHeader(boost::asio::ip::make_address("::1"), 16992),
            "[::1]:16992");
}

TEST(AmtRequests, RandomHexLength) {
  std::string a = RandomHex(32), b = RandomHex(32);
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
}

}  // namespace
}  // namespace amtscope
