#include "emu/responses.h"

#include <gtest/gtest.h>

#include <regex>

#include "emu/emu_testutil.h"
#include "emu/pages.h"

namespace amtscope::emu {
namespace {

HostProfile Profile(const std::string& fw, bool bare = false,
                    Product product = Product::kAmt) {
  HostConfig c;
  c.address = "127.0.0.2";
  c.firmware = fw;
  c.bare_banner = bare;
  c.product = product;
  auto p = MakeHostProfile(c, 1);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return *p;
}

// The recorded 401 of docs/protocol.md §2.3 (AMT 8.1.40), realm and nonce
// masked, then compared byte for byte.
TEST(ResponsesTest, UnauthorizedHeaderBlockMatchesRecording) {
  HostProfile p = Profile("8.1.40");
  std::string r = UnauthorizedResponse(p, "/tsfAAYGAADdx+TCLSlXsW7FN7GY/hf7");
  std::string head = r.substr(0, r.find("\r\n\r\n") + 4);
  size_t body_size = r.size() - head.size();
  head = std::regex_replace(head, std::regex("Digest:[0-9A-F]{32}"),
                            "Digest:REALM");
  EXPECT_EQ(head,
            "HTTP/1.1 401 Unauthorized\r\n"
            "WWW-Authenticate: Digest realm=\"Digest:REALM\", "
            "nonce=\"/tsfAAYGAADdx+TCLSlXsW7FN7GY/"
            "hf7\",stale=\"false\",qop=\"auth\"\r\n"
            "Content-Type: text/html\r\n"
            "Server: Intel(R) Active Management Technology 8.1.40\r\n"
            "Content-Length: 689\r\n"
            "Connection: close\r\n\r\n");
  EXPECT_EQ(body_size, 689u);
}

TEST(ResponsesTest, LogonFailedBodyLengthsPerProfile) {
  EXPECT_EQ(LogonFailedPage(Profile("8.1.40")).size(), 689u);
  EXPECT_EQ(LogonFailedPage(Profile("11.8.50.3425")).size(), 690u);
  EXPECT_EQ(LogonFailedPage(Profile("15.0.23.1706")).size(), 693u);
  std::string body = LogonFailedPage(Profile("8.1.40"));
  EXPECT_EQ(body.find('\r'), std::string::npos);  // \n line ends
  EXPECT_NE(body.find("<h2 class=warn>Log on failed."), std::string::npos);
}

TEST(ResponsesTest, LogonPageIs660BytesLikeTheCapture) {
  EXPECT_EQ(LogonPage(Profile("7.1.70")).size(), 0x294u);  // §2.5
}

TEST(ResponsesTest, ServerHeaderForms) {
  EXPECT_EQ(Profile("8.1.40").server_header,
            "Intel(R) Active Management Technology 8.1.40");
  EXPECT_EQ(Profile("8.1.71.3608").server_header,
            "Intel(R) Active Management Technology 8.1.71");
  EXPECT_EQ(Profile("11.8.50.3425").server_header,
            "Intel(R) Active Management Technology 11.8.50.3425");
  EXPECT_EQ(Profile("9.0.3", false, Product::kIsm).server_header,
            "Intel(R) Standard Manageability 9.0.3");
  EXPECT_EQ(Profile("11.0.25", true).server_header, "AMT");
}

TEST(ResponsesTest, Redirect303MatchesRecordingAnd302IsAbsolute) {
  EXPECT_EQ(
      RedirectResponse(Profile("7.1.91"), false, ""),
      "HTTP/1.1 303 See Other\r\nLocation: /logon.htm\r\nContent-Length: 0\r\n"
      "Server: Intel(R) Active Management Technology 7.1.91\r\n\r\n");
  std::string r = RedirectResponse(Profile("11.0.25"), false, "");
  // nmap-service-probes' anchored 302 pattern (§2.11).
  EXPECT_TRUE(std::regex_match(
      r, std::regex("HTTP/1\\.1 302 Found\r\nLocation: "
                    "https?:///logon\\.htm\r\nContent-Length: 0\r\n"
                    "Server: Intel\\(R\\) Active Management Technology "
                    "([\\w._-]+)\r\n\r\n")));
  EXPECT_NE(RedirectResponse(Profile("11.0.25"), true, "198.18.0.5:16993")
                .find("Location: https://198.18.0.5:16993/logon.htm\r\n"),
            std::string::npos);
}

TEST(ResponsesTest, DateHasUnpaddedDay) {
  EXPECT_EQ(HttpDate(1494041073), "Sat, 6 May 2017 03:24:33 GMT");
}

TEST(ResponsesTest, ChunksAreFourUppercaseHexDigits) {
  std::string body(0x4A9, 'x');
  std::string c = Chunked(body, 0x4A9);
  EXPECT_EQ(c.substr(0, 6), "04A9\r\n");
  EXPECT_EQ(c.substr(c.size() - 5), "0\r\n\r\n");
  EXPECT_EQ(testing::Dechunk(Chunked(std::string(5000, 'y'))),
            std::string(5000, 'y'));
}

TEST(ResponsesTest, PageHeadersInRecordedOrder) {
  HostProfile p = Profile("8.1.40");
  std::string r =
      PageResponse(p, 1494041073, "text/html", "<html></html>", false);
  EXPECT_EQ(r.substr(0, r.find("\r\n\r\n") + 4),
            "HTTP/1.1 200 OK\r\nDate: Sat, 6 May 2017 03:24:33 GMT\r\n"
            "Server: Intel(R) Active Management Technology "
            "8.1.40\r\nContent-Type: text/html\r\n"
            "Transfer-Encoding: chunked\r\nCache-Control: no cache\r\n"
            "Expires: Thu, 26 Oct 1995 00:00:00 GMT\r\n\r\n");
}

TEST(PagesTest, IndexHasEveryGreenboneMarkerAndFooter) {
  HostProfile p = Profile("9.5.35.1862");
  std::string page = IndexPage(p, 1494041073);
  for (const char* marker :
       {">Hardware Information", ">IP address", ">System ID", ">System<",
        ">Processor<", ">Memory<", "System Status",
        "Active Management Technology"}) {
    EXPECT_NE(page.find(marker), std::string::npos) << marker;
  }
  EXPECT_NE(page.find("firmware version: 9.5.35-build 1862"),
            std::string::npos);
  // Greenbone's System ID extraction regex (§1.5).
  std::smatch m;
  // POSIX ERE (Greenbone) lets `.` match a newline; [\s\S] does that here.
  ASSERT_TRUE(std::regex_search(
      page, m,
      std::regex(
          "System ID(</p></td>)?[\\s\\S](  )?<td class=r1>([^<\\n\\r]+)")));
  EXPECT_EQ(m[3].str(), p.system_id);
}

TEST(PagesTest, HwSysRowsScrapeLikeMetasploit) {
  std::string page = HwSysPage(Profile("8.1.40"));
  std::regex key("<td class=r1><p>([^<]+)(?:</p>)?");
  std::regex val("<td class=r1>([^<]+)<");
  std::vector<std::string> keys, vals;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), key);
       it != std::sregex_iterator(); ++it)
    keys.push_back((*it)[1]);
  for (auto it = std::sregex_iterator(page.begin(), page.end(), val);
       it != std::sregex_iterator(); ++it)
    vals.push_back((*it)[1]);
  ASSERT_FALSE(keys.empty());
  EXPECT_EQ(keys[0], "Computer model");
  EXPECT_EQ(keys.size(), vals.size());
  EXPECT_EQ(vals[0], "OptiPlex 7010");
}

TEST(PagesTest, IsmTitle) {
  EXPECT_NE(LogonPage(Profile("9.0.3", false, Product::kIsm))
                .find("<title>Intel&reg; Standard Manageability</title>"),
            std::string::npos);
}

}  // namespace
}  // namespace amtscope::emu
