#include "amt/redirection.h"

#include <gtest/gtest.h>

#include <string>

namespace amtscope {
namespace {

std::string Bytes(std::initializer_list<int> b) {
  std::string s;
  for (int v : b) s.push_back(static_cast<char>(v));
  return s;
}

// Recorded StartRedirectionSessionReply bytes (docs/protocol.md §2.10,
// MeshCommander issue #24): AMT 11.8.70 and AMT 12.0.22.
const std::string kAmt11 = Bytes({0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x0b,
                                  0x08, 0x57, 0x01, 0x00, 0x00, 0x00});
const std::string kAmt12 = Bytes({0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x0c,
                                  0x00, 0x57, 0x01, 0x00, 0x00, 0x00});

TEST(RedirectionReply, RecordedRepliesLeakMajorMinor) {
  RedirectionReply a = ParseRedirectionReply(kAmt11);
  ASSERT_TRUE(a.amt) << a.reason;
  EXPECT_EQ(a.major, 11);
  EXPECT_EQ(a.minor, 8);
  EXPECT_EQ(a.status, 0);
  EXPECT_EQ(a.protocol_major, 1);
  EXPECT_EQ(a.enterprise, 343u);
  RedirectionReply b = ParseRedirectionReply(kAmt12);
  ASSERT_TRUE(b.amt);
  EXPECT_EQ(b.major, 12);
  EXPECT_EQ(b.minor, 0);
}

TEST(RedirectionReply, BuilderReproducesTheRecording) {
  EXPECT_EQ(BuildRedirectionReply(11, 8), kAmt11);
  EXPECT_EQ(BuildRedirectionReply(12, 0), kAmt12);
}

TEST(RedirectionReply, OemDataMustArriveInFull) {
  std::string with_oem = kAmt11;
  with_oem[12] = 3;
  EXPECT_EQ(RedirectionReplySize(with_oem), 16u);
  EXPECT_FALSE(ParseRedirectionReply(with_oem).amt);
  EXPECT_TRUE(ParseRedirectionReply(with_oem + "abc").amt);
  EXPECT_EQ(RedirectionReplySize(kAmt11.substr(0, 12)), 0u);
}

TEST(RedirectionReply, LookAlikesAreNotAmt) {
  for (const std::string& bad :
       {std::string(), kAmt11.substr(0, 12), std::string("HTTP/1.1 400 Bad"),
        std::string(kRedirectionStartSol)}) {
    EXPECT_FALSE(ParseRedirectionReply(bad).amt) << bad.size();
  }
  std::string other = kAmt11;
  other[8] = 0x01;  // enterprise 1 + 0x100
  RedirectionReply r = ParseRedirectionReply(other);
  EXPECT_FALSE(r.amt);
  EXPECT_NE(r.reason.find("not Intel"), std::string::npos);
}

TEST(RedirectionStart, RecognisesTheThreeSessionTypes) {
  EXPECT_TRUE(IsRedirectionStart(kRedirectionStartSol));
  EXPECT_TRUE(IsRedirectionStart(kRedirectionStartIder));
  EXPECT_TRUE(IsRedirectionStart(std::string_view("\x10\x01\x00\x00KVMR", 8)));
  EXPECT_FALSE(IsRedirectionStart("GET / HTTP/1.0\r\n\r\n"));
  EXPECT_FALSE(IsRedirectionStart(kRedirectionStartSol.substr(0, 7)));
}

}  // namespace
}  // namespace amtscope
