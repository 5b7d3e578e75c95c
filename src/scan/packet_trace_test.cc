#include "scan/packet_trace.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace amtscope {
namespace {

using ::testing::HasSubstr;

TEST(PacketTraceTest, RequestLinesArePrefixedAndTheBodyCut) {
  std::string body(300, 'x');
  std::string trace =
      TraceRequest("127.0.0.1:16992",
                   "POST /wsman HTTP/1.1\r\nHost: 127.0.0.1:16992\r\n"
                   "Authorization: Digest a\x1b[31m\r\n\r\n" +
                       body);
  EXPECT_EQ(trace,
            "127.0.0.1:16992 > POST /wsman HTTP/1.1\n"
            "127.0.0.1:16992 > Host: 127.0.0.1:16992\n"
            "127.0.0.1:16992 > Authorization: Digest a\\x1b[31m\n"
            "127.0.0.1:16992 > (body 300 bytes, first 256) " +
                std::string(256, 'x') + "\n");
  EXPECT_EQ(TraceRequest("[::1]:16992", "GET / HTTP/1.1\r\n\r\n"),
            "[::1]:16992 > GET / HTTP/1.1\n");
}

class Keep : public BodySink {
 public:
  void OnBody(std::string_view b) override { body.append(b); }
  std::string body;
};

TEST(PacketTraceTest, ResponseShowsHeadAndEscapedBodyPrefix) {
  Keep next;
  ResponseTrace r(&next);
  *r.head() = "HTTP/1.1 200 OK\nServer: evil\x07\n";
  std::string body = "<html>\r\n" + std::string(400, 'y');
  r.OnBody(body.substr(0, 100));
  r.OnBody(body.substr(100));
  EXPECT_EQ(next.body, body);  // every byte still reaches the probe's sink
  std::string text = r.Format("198.18.0.1:16993", body.size(), "truncated");
  EXPECT_THAT(text, HasSubstr("198.18.0.1:16993 < HTTP/1.1 200 OK\n"
                              "198.18.0.1:16993 < Server: evil\\x07\n"
                              "198.18.0.1:16993 < (body 408 bytes, first "
                              "256) <html>\\x0d\\x0ayyy"));
  EXPECT_THAT(text, HasSubstr("y\n198.18.0.1:16993 ! truncated\n"));
  EXPECT_EQ(ResponseTrace(nullptr).Format("h:1", 0, ""), "");
}

TEST(PacketTraceTest, EmitWritesWholeBlocks) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  PacketTrace trace(f);
  trace.Emit("a > 1\na < 2\n");
  trace.Emit("b > 1\n");
  std::rewind(f);
  char buf[64] = {};
  size_t n = std::fread(buf, 1, sizeof buf - 1, f);
  std::fclose(f);
  EXPECT_EQ(std::string(buf, n), "a > 1\na < 2\nb > 1\n");
}

}  // namespace
}  // namespace amtscope
