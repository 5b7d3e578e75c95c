#include "net/tcp_segment.h"

namespace amtscope {
namespace {

void Put16(uint8_t* p, uint16_t v) {
  p[0] = static_cast<uint8_t>(v >> 8);
  p[1] = static_cast<uint8_t>(v);
}

void Put32(uint8_t* p, uint32_t v) {
  Put16(p, static_cast<uint16_t>(v >> 16));
  Put16(p + 2, static_cast<uint16_t>(v));
}

uint16_t Get16(const uint8_t* p) {
  return static_cast<uint16_t>((p[0] << 8) | p[1]);
}

uint32_t Get32(const uint8_t* p) {
  return (static_cast<uint32_t>(Get16(p)) << 16) | Get16(p + 2);
}

constexpr uint8_t kProtoTcp = 6;
constexpr uint16_t kSynMss = 1460;
constexpr uint16_t kSynWindow = 1024;  // what masscan and nmap -sS offer

}  // namespace

uint16_t TcpChecksum(uint32_t src_ip, uint32_t dst_ip,
                     std::span<const uint8_t> segment) {
  uint64_t sum = (src_ip >> 16) + (src_ip & 0xffff) + (dst_ip >> 16) +
                 (dst_ip & 0xffff) + kProtoTcp + segment.size();
  size_t i = 0;
  for (; i + 1 < segment.size(); i += 2) sum += Get16(&segment[i]);
  if (i < segment.size()) sum += static_cast<uint32_t>(segment[i]) << 8;
  while ((sum >> 16) != 0) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(~sum);
}

SynBytes BuildSyn(const TcpSegmentInfo& info) {
  SynBytes b{};
  Put16(&b[0], info.src_port);
  Put16(&b[2], info.dst_port);
  Put32(&b[4], info.seq);
  b[12] = 6 << 4;  // data offset: 6 words (20 + MSS option)
  b[13] = kTcpSyn;
  Put16(&b[14], kSynWindow);
  b[20] = 2;  // MSS option, length 4
  b[21] = 4;
  Put16(&b[22], kSynMss);
  Put16(&b[16], TcpChecksum(info.src_ip, info.dst_ip, b));
  return b;
}

std::optional<TcpSegmentInfo> ParseIpv4Tcp(std::span<const uint8_t> packet) {
  if (packet.size() < 20 || (packet[0] >> 4) != 4) return std::nullopt;
  size_t ihl = static_cast<size_t>(packet[0] & 0x0f) * 4;
  if (ihl < 20 || packet.size() < ihl + 20 || packet[9] != kProtoTcp) {
    return std::nullopt;
  }
  // Fragments other than the first carry no TCP header.
  if ((Get16(&packet[6]) & 0x1fff) != 0) return std::nullopt;
  const uint8_t* tcp = &packet[ihl];
  TcpSegmentInfo s;
  s.src_ip = Get32(&packet[12]);
  s.dst_ip = Get32(&packet[16]);
  s.src_port = Get16(tcp);
  s.dst_port = Get16(tcp + 2);
  s.seq = Get32(tcp + 4);
  s.ack = Get32(tcp + 8);
  s.flags = tcp[13];
  return s;
}

}  // namespace amtscope
