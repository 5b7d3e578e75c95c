#include "amt/rmcp.h"

#include <gtest/gtest.h>

#include <string>

namespace amtscope {
namespace {

std::string Bytes(std::initializer_list<int> b) {
  std::string s;
  for (int v : b) s.push_back(static_cast<char>(v));
  return s;
}

template <size_t N>
std::string Bytes(const std::array<uint8_t, N>& a) {
  return std::string(a.begin(), a.end());
}

// The layout of docs/protocol.md §2.12, byte for byte: AMT 8.1, post-
// provisioned, web port 16992, both ports open.
const std::string kAmtPong =
    Bytes({0x06, 0x00, 0xFF, 0x06, 0x00, 0x00, 0x11, 0xBE, 0x40, 0x2A,
           0x00, 0x10, 0x00, 0x00, 0x01, 0x57, 0x42, 0x60, 0x81, 0x06,
           0x01, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00});

TEST(RmcpPing, IsTheTwelveAsfBytes) {
  EXPECT_EQ(Bytes(BuildRmcpPing(0x2A)),
            Bytes({0x06, 0x00, 0xFF, 0x06, 0x00, 0x00, 0x11, 0xBE, 0x80, 0x2A,
                   0x00, 0x00}));
}

TEST(RmcpPong, ParsesAmt) {
  RmcpPong p = ParseRmcpPong(kAmtPong);
  ASSERT_EQ(p.kind, RmcpKind::kAmt) << p.reason;
  EXPECT_EQ(p.tag, 0x2A);
  EXPECT_EQ(p.enterprise, 343u);
  EXPECT_EQ(p.major, 8);
  EXPECT_EQ(p.minor, 1);
  ASSERT_TRUE(p.provisioning.has_value());
  EXPECT_EQ(ToString(*p.provisioning), "post");
  EXPECT_EQ(p.web_port, 16992);
  EXPECT_TRUE(p.both_web_ports);
}

TEST(RmcpPong, BuilderMatchesTheLayout) {
  std::string built =
      Bytes(BuildAmtPong(0x2A, 8, 1, AmtProvisioning::kPost, 16992, true));
  RmcpPong p = ParseRmcpPong(built);
  EXPECT_EQ(p.kind, RmcpKind::kAmt);
  EXPECT_EQ(built.substr(0, 20), kAmtPong.substr(0, 20));
  RmcpPong pre = ParseRmcpPong(
      Bytes(BuildAmtPong(1, 11, 8, AmtProvisioning::kPre, 16992, false)));
  EXPECT_EQ(ToString(*pre.provisioning), "pre");
  EXPECT_EQ(pre.major, 11);
  EXPECT_EQ(pre.minor, 8);
  EXPECT_FALSE(pre.both_web_ports);
}

TEST(RmcpPong, OrdinaryBmcIsNotAmt) {
  std::string bmc = kAmtPong;
  bmc[14] = 0x11;  // enterprise 4542 (ASF itself), as a plain BMC answers
  bmc[15] = static_cast<char>(0xBE);
  bmc[20] = static_cast<char>(0x81);
  RmcpPong p = ParseRmcpPong(bmc);
  EXPECT_EQ(p.kind, RmcpKind::kOtherVendor);
  EXPECT_EQ(p.enterprise, 4542u);
  EXPECT_TRUE(p.ipmi);
  EXPECT_NE(p.reason.find("not AMT"), std::string::npos);
}

TEST(RmcpPong, TruncatedIsNotAmt) {
  for (size_t n : {12u, 16u, 20u, 27u}) {
    RmcpPong p = ParseRmcpPong(kAmtPong.substr(0, n));
    EXPECT_EQ(p.kind, RmcpKind::kTruncated) << n;
  }
  std::string short_len = kAmtPong;
  short_len[11] = 0x08;  // data length says 8
  EXPECT_EQ(ParseRmcpPong(short_len).kind, RmcpKind::kTruncated);
}

TEST(RmcpPong, JunkAndEchoesAreNotPongs) {
  EXPECT_EQ(ParseRmcpPong("").kind, RmcpKind::kNotPong);
  EXPECT_EQ(ParseRmcpPong(kAmtPong.substr(0, 11)).kind, RmcpKind::kNotPong);
  RmcpPong echo = ParseRmcpPong(Bytes(BuildRmcpPing(7)));
  EXPECT_EQ(echo.kind, RmcpKind::kNotPong);
  EXPECT_NE(echo.reason.find("echo"), std::string::npos);
  std::string wrong_class = kAmtPong;
  wrong_class[3] = 0x07;  // IPMI class
  EXPECT_EQ(ParseRmcpPong(wrong_class).kind, RmcpKind::kNotPong);
  std::string wrong_asf = kAmtPong;
  wrong_asf[7] = 0x00;
  EXPECT_EQ(ParseRmcpPong(wrong_asf).kind, RmcpKind::kNotPong);
  EXPECT_EQ(ParseRmcpPong(std::string(28, 'A')).kind, RmcpKind::kNotPong);
}

TEST(RmcpPong, UndefinedProvisioningStateIsAbsent) {
  std::string odd = kAmtPong;
  odd[19] = 0x03;
  RmcpPong p = ParseRmcpPong(odd);
  EXPECT_EQ(p.kind, RmcpKind::kAmt);
  EXPECT_FALSE(p.provisioning.has_value());
}

}  // namespace
}  // namespace amtscope
