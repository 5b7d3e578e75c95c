#include "net/tcp_segment.h"

#include <gtest/gtest.h>

#include <vector>

namespace amtscope {
namespace {

TcpSegmentInfo Sample() {
  TcpSegmentInfo s;
  s.src_ip = 0xC6130001;  // 198.19.0.1
  s.dst_ip = 0xC6120A0B;  // 198.18.10.11
  s.src_port = 61234;
  s.dst_port = 16992;
  s.seq = 0xDEADBEEF;
  return s;
}

// The segment wrapped in a minimal IPv4 header, as a raw socket reads it.
std::vector<uint8_t> WrapInIpv4(const TcpSegmentInfo& s, const SynBytes& tcp) {
  std::vector<uint8_t> p(20, 0);
  p[0] = 0x45;
  p[9] = 6;
  for (int i = 0; i < 4; ++i) {
    p[12 + i] = static_cast<uint8_t>(s.src_ip >> (24 - 8 * i));
    p[16 + i] = static_cast<uint8_t>(s.dst_ip >> (24 - 8 * i));
  }
  p.insert(p.end(), tcp.begin(), tcp.end());
  return p;
}

TEST(TcpSegment, SynChecksumVerifies) {
  TcpSegmentInfo s = Sample();
  SynBytes b = BuildSyn(s);
  EXPECT_EQ(TcpChecksum(s.src_ip, s.dst_ip, b), 0);
  // A different source address (the wrong route) does not verify.
  EXPECT_NE(TcpChecksum(s.src_ip + 1, s.dst_ip, b), 0);
}

TEST(TcpSegment, SynCarriesPortsSeqFlagsAndMss) {
  TcpSegmentInfo s = Sample();
  SynBytes b = BuildSyn(s);
  EXPECT_EQ(b[13], kTcpSyn);
  EXPECT_EQ((b[12] >> 4) * 4, 24);
  EXPECT_EQ((b[22] << 8) | b[23], 1460);
  auto parsed = ParseIpv4Tcp(WrapInIpv4(s, b));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->src_ip, s.src_ip);
  EXPECT_EQ(parsed->dst_ip, s.dst_ip);
  EXPECT_EQ(parsed->src_port, s.src_port);
  EXPECT_EQ(parsed->dst_port, s.dst_port);
  EXPECT_EQ(parsed->seq, s.seq);
  EXPECT_EQ(parsed->flags, kTcpSyn);
}

TEST(TcpSegment, ChecksumOfOddLengthPadsWithZero) {
  // 1 + 2 + protocol 6 + length 3 + 0x1234 + 0x5600 = 0x6840; one's complement.
  std::vector<uint8_t> odd = {0x12, 0x34, 0x56};
  EXPECT_EQ(TcpChecksum(1, 2, odd), 0x97BF);
}

TEST(TcpSegment, RejectsTruncatedAndForeignPackets) {
  TcpSegmentInfo s = Sample();
  std::vector<uint8_t> p = WrapInIpv4(s, BuildSyn(s));
  for (size_t n = 0; n < 40; ++n) {
    EXPECT_FALSE(ParseIpv4Tcp(std::span(p.data(), n)).has_value()) << n;
  }
  std::vector<uint8_t> udp = p;
  udp[9] = 17;
  EXPECT_FALSE(ParseIpv4Tcp(udp).has_value());
  std::vector<uint8_t> v6 = p;
  v6[0] = 0x65;
  EXPECT_FALSE(ParseIpv4Tcp(v6).has_value());
  std::vector<uint8_t> long_ihl = p;
  long_ihl[0] = 0x4f;  // 60-byte header: the TCP part would be cut
  EXPECT_FALSE(ParseIpv4Tcp(long_ihl).has_value());
  std::vector<uint8_t> fragment = p;
  fragment[7] = 1;  // offset 8 bytes: not the first fragment
  EXPECT_FALSE(ParseIpv4Tcp(fragment).has_value());
}

}  // namespace
}  // namespace amtscope
