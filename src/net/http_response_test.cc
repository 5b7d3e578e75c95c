#include "net/http_response.h"

#include <gtest/gtest.h>

#include <string>

namespace amtscope {
namespace {

class Collect : public BodySink {
 public:
  void OnBody(std::string_view b) override { body.append(b); }
  std::string body;
};

// docs/protocol.md §2.3 (AMT 8.1.40 recording, body shortened).
const std::string k401 =
    "HTTP/1.1 401 Unauthorized\r\n"
    "WWW-Authenticate: Digest "
    "realm=\"Digest:7BA70000000000000000000000000000\", "
    "nonce=\"/tsfAAYGAADdx+TCLSlXsW7FN7GY/"
    "hf7\",stale=\"false\",qop=\"auth\"\r\n"
    "Content-Type: text/html\r\n"
    "Server: Intel(R) Active Management Technology 8.1.40\r\n"
    "Content-Length: 11\r\n"
    "Connection: close\r\n"
    "\r\n"
    "Log on fail";

TEST(HttpResponseReader, Parses401InOneFeed) {
  HttpResponseReader r;
  Collect c;
  r.Reset(&c);
  EXPECT_EQ(r.Feed(k401), k401.size());
  ASSERT_TRUE(r.done());
  EXPECT_FALSE(r.failed());
  EXPECT_EQ(r.status(), 401);
  EXPECT_EQ(r.server(), "Intel(R) Active Management Technology 8.1.40");
  EXPECT_EQ(r.www_authenticate().substr(0, 14), "Digest realm=\"");
  EXPECT_EQ(c.body, "Log on fail");
  EXPECT_FALSE(r.keep_alive());  // Connection: close
}

TEST(HttpResponseReader, ParsesByteByByte) {
  HttpResponseReader r;
  Collect c;
  r.Reset(&c);
  for (char ch : k401) r.Feed(std::string_view(&ch, 1));
  ASSERT_TRUE(r.done());
  EXPECT_EQ(r.status(), 401);
  EXPECT_EQ(c.body, "Log on fail");
}

TEST(HttpResponseReader, DechunksUppercaseHexSizes) {
  // §2.6/§2.7: chunk sizes are 4 uppercase hex digits.
  std::string resp =
      "HTTP/1.1 200 OK\r\nDate: Sat, 6 May 2017 03:24:33 GMT\r\n"
      "Server: Intel(R) Active Management Technology 8.1.40\r\n"
      "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
      "000A\r\n0123456789\r\n0003\r\nabc\r\n0\r\n\r\n";
  HttpResponseReader r;
  Collect c;
  r.Reset(&c);
  EXPECT_EQ(r.Feed(resp + "NEXT"), resp.size());  // stops at the end
  ASSERT_TRUE(r.done());
  EXPECT_FALSE(r.failed());
  EXPECT_EQ(c.body, "0123456789abc");
  EXPECT_TRUE(r.keep_alive());
}

TEST(HttpResponseReader, ToleratesBareLfAndMissingReason) {
  HttpResponseReader r;
  r.Reset();
  r.Feed("HTTP/1.0 404\nServer: x\n\n");
  r.OnEof();
  ASSERT_TRUE(r.done());
  EXPECT_FALSE(r.failed());
  EXPECT_EQ(r.status(), 404);
  EXPECT_EQ(r.minor_version(), 0);
  EXPECT_FALSE(r.keep_alive());
}

TEST(HttpResponseReader, BodyUntilCloseCompletesOnEof) {
  HttpResponseReader r;
  Collect c;
  r.Reset(&c);
  r.Feed("HTTP/1.1 200 OK\r\n\r\nhello");
  EXPECT_FALSE(r.done());
  r.OnEof();
  EXPECT_TRUE(r.done());
  EXPECT_FALSE(r.failed());
  EXPECT_EQ(c.body, "hello");
}

TEST(HttpResponseReader, RejectsGarbageAtOnce) {
  HttpResponseReader r;
  r.Reset();
  r.Feed("\x16\x03\x01\x02\x00");
  EXPECT_TRUE(r.failed());
  EXPECT_EQ(r.error(), HttpError::kNotHttp);
  r.Reset();
  r.Feed("SSH-2.0-OpenSSH_9.2\r\n");
  EXPECT_EQ(r.error(), HttpError::kNotHttp);
  r.Reset();
  r.Feed("HTTP/1.1 abc\r\n");
  EXPECT_EQ(r.error(), HttpError::kNotHttp);
}

TEST(HttpResponseReader, TruncatedHeadersFailOnEof) {
  HttpResponseReader r;
  r.Reset();
  r.Feed("HTTP/1.1 401 Unauthorized\r\nServer: AMT\r\n");
  r.OnEof();
  EXPECT_TRUE(r.failed());
  EXPECT_EQ(r.error(), HttpError::kTruncated);
  EXPECT_FALSE(r.headers_done());
}

TEST(HttpResponseReader, TruncatedBodyKeepsHeaders) {
  HttpResponseReader r;
  r.Reset();
  r.Feed("HTTP/1.1 401 Unauthorized\r\nContent-Length: 689\r\n\r\nabc");
  r.OnEof();
  EXPECT_TRUE(r.failed());
  EXPECT_TRUE(r.headers_done());
  EXPECT_EQ(r.status(), 401);
}

TEST(HttpResponseReader, EndlessHeadersAreBounded) {
  HttpLimits limits;
  limits.max_header_bytes = 4096;
  HttpResponseReader r(limits);
  r.Reset();
  r.Feed("HTTP/1.1 200 OK\r\n");
  std::string line = "X-Junk: " + std::string(100, 'a') + "\r\n";
  size_t fed = 0;
  while (!r.done() && fed < 1000000) fed += r.Feed(line);
  EXPECT_TRUE(r.failed());
  EXPECT_EQ(r.error(), HttpError::kHeadersTooLarge);
  EXPECT_LT(fed, 5000u);
}

TEST(HttpResponseReader, OneHugeHeaderLineIsBounded) {
  HttpResponseReader r;
  r.Reset();
  r.Feed("HTTP/1.1 200 OK\r\nServer: ");
  std::string chunk(8192, 'A');
  for (int i = 0; i < 10 && !r.done(); ++i) r.Feed(chunk);
  EXPECT_EQ(r.error(), HttpError::kHeadersTooLarge);
}

TEST(HttpResponseReader, HugeBodyIsBounded) {
  HttpLimits limits;
  limits.max_body = 1000;
  HttpResponseReader r(limits);
  Collect c;
  r.Reset(&c);
  r.Feed("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
  r.Feed(std::string(5000, 'x'));
  EXPECT_TRUE(r.failed());
  EXPECT_EQ(r.error(), HttpError::kBodyTooLarge);
  EXPECT_EQ(c.body.size(), 1000u);
  EXPECT_TRUE(r.headers_done());
}

TEST(HttpResponseReader, BadChunkSizeFails) {
  HttpResponseReader r;
  r.Reset();
  r.Feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZZZ\r\n");
  EXPECT_EQ(r.error(), HttpError::kBadChunk);
  r.Reset();
  r.Feed(
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0003\r\nabcXY\r\n");
  EXPECT_EQ(r.error(), HttpError::kBadChunk);
}

TEST(HttpResponseReader, SkipsInterim100) {
  HttpResponseReader r;
  r.Reset();
  r.Feed(
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 401 "
      "Unauthorized\r\nContent-Length: 0\r\n\r\n");
  ASSERT_TRUE(r.done());
  EXPECT_EQ(r.status(), 401);
}

TEST(HttpResponseReader, PrefersDigestChallenge) {
  HttpResponseReader r;
  r.Reset();
  r.Feed(
      "HTTP/1.1 401 X\r\nWWW-Authenticate: Basic realm=\"x\"\r\n"
      "WWW-Authenticate: Digest realm=\"Digest:AB\", nonce=\"n\"\r\n"
      "Content-Length: 0\r\n\r\n");
  EXPECT_EQ(r.www_authenticate(), "Digest realm=\"Digest:AB\", nonce=\"n\"");
}

TEST(HttpResponseReader, Http10KeepAliveOnlyWhenAsked) {
  HttpResponseReader r;
  r.Reset();
  r.Feed(
      "HTTP/1.0 200 OK\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n");
  EXPECT_TRUE(r.keep_alive());
  r.Reset();
  r.Feed("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n");
  EXPECT_FALSE(r.keep_alive());
}

TEST(HttpResponseReader, LogsTheHeadOnlyWhenAsked) {
  // --packet-trace: status and header lines (interim 100 too), no body; a
  // non-HTTP answer shows what came instead.
  HttpResponseReader r;
  std::string log;
  r.Reset();
  r.LogHeadTo(&log);
  r.Feed("HTTP/1.1 100 Continue\r\n\r\n" + k401);
  ASSERT_TRUE(r.done());
  EXPECT_EQ(log.rfind("HTTP/1.1 100 Continue\nHTTP/1.1 401 Unauthorized\n"
                      "WWW-Authenticate: Digest realm=",
                      0),
            0u)
      << log;
  EXPECT_TRUE(log.ends_with("\nConnection: close\n")) << log;
  EXPECT_EQ(log.find("Log on fail"), std::string::npos);
  log.clear();
  r.Reset();  // logging ends with the response
  r.Feed(k401);
  EXPECT_EQ(log, "");
  r.Reset();
  r.LogHeadTo(&log);
  r.Feed("SSH-2.0-OpenSSH\r\n");
  EXPECT_EQ(r.error(), HttpError::kNotHttp);
  EXPECT_EQ(log, "SSH-2.0-OpenSSH\n");
}

}  // namespace
}  // namespace amtscope
