// TcpSegment: the few bytes of IPv4/TCP a SYN scanner sends and reads.
#ifndef AMTSCOPE_NET_TCP_SEGMENT_H_
#define AMTSCOPE_NET_TCP_SEGMENT_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace amtscope {

inline constexpr uint8_t kTcpFin = 0x01;
inline constexpr uint8_t kTcpSyn = 0x02;
inline constexpr uint8_t kTcpRst = 0x04;
inline constexpr uint8_t kTcpAck = 0x10;

/// The fields of one TCP segment that matter to discovery. Addresses are
/// IPv4 in host byte order.
struct TcpSegmentInfo {
  uint32_t src_ip = 0;
  uint32_t dst_ip = 0;
  uint16_t src_port = 0;
  uint16_t dst_port = 0;
  uint32_t seq = 0;
  uint32_t ack = 0;
  uint8_t flags = 0;
};

/// A SYN's TCP header with an MSS option (24 bytes), for a raw IPPROTO_TCP
/// socket whose kernel adds the IP header. The checksum covers the
/// pseudo-header, so `src_ip` must be the address the kernel will use.
using SynBytes = std::array<uint8_t, 24>;

/// Builds the SYN `info` describes (flags, ack are ignored).
SynBytes BuildSyn(const TcpSegmentInfo& info);

/// Parses an IPv4 packet as a raw socket delivers it (IP header first).
/// nullopt when it is not a well-formed IPv4 TCP segment (never reads past
/// `packet`).
std::optional<TcpSegmentInfo> ParseIpv4Tcp(std::span<const uint8_t> packet);

/// The TCP checksum of `segment` between `src_ip` and `dst_ip` (host order);
/// 0 when `segment` already carries a correct checksum.
uint16_t TcpChecksum(uint32_t src_ip, uint32_t dst_ip,
                     std::span<const uint8_t> segment);

}  // namespace amtscope

#endif  // AMTSCOPE_NET_TCP_SEGMENT_H_
