#include "amt/rmcp.h"

#include <fmt/format.h>

namespace amtscope {
namespace {

constexpr uint8_t kRmcpVersion = 0x06;
constexpr uint8_t kClassAsf = 0x06;
constexpr uint8_t kNoAckSequence = 0xFF;
constexpr size_t kAsfHeaderSize = 12;  // RMCP 4 + IANA 4 + type tag rsv len
constexpr uint8_t kPongDataLength = 16;

uint32_t Be32(std::string_view b, size_t at) {
  auto u = [&](size_t i) { return static_cast<uint32_t>(uint8_t(b[at + i])); };
  return u(0) << 24 | u(1) << 16 | u(2) << 8 | u(3);
}

uint8_t Byte(std::string_view b, size_t at) {
  return static_cast<uint8_t>(b[at]);
}

RmcpPong NotPong(std::string reason) {
  RmcpPong p;
  p.reason = std::move(reason);
  return p;
}

// The 12-byte RMCP/ASF header of a pong (§2.12), or why it is not one.
std::optional<RmcpPong> CheckHeader(std::string_view b) {
  if (b.size() < kAsfHeaderSize) {
    return NotPong(
        fmt::format("{}-byte answer: shorter than an ASF header", b.size()));
  }
  if (Byte(b, 0) != kRmcpVersion || (Byte(b, 3) & 0x7F) != kClassAsf) {
    return NotPong("not RMCP/ASF (version or class byte)");
  }
  if (Be32(b, 4) != kAsfIana) {
    return NotPong(
        fmt::format("ASF header enterprise {} is not 4542", Be32(b, 4)));
  }
  if (Byte(b, 8) != kAsfPresencePong) {
    return NotPong(fmt::format(
        "ASF message type 0x{:02x} is not a presence pong (0x40){}", Byte(b, 8),
        Byte(b, 8) == kAsfPresencePing ? ": the ping came back (echo)" : ""));
  }
  return std::nullopt;
}

}  // namespace

std::string_view ToString(AmtProvisioning state) {
  switch (state) {
    case AmtProvisioning::kPre:
      return "pre";
    case AmtProvisioning::kIn:
      return "in";
    case AmtProvisioning::kPost:
      return "post";
  }
  return "";
}

std::array<uint8_t, kRmcpPingSize> BuildRmcpPing(uint8_t tag) {
  return {kRmcpVersion, 0x00, kNoAckSequence,   kClassAsf, 0x00, 0x00,
          0x11,         0xBE, kAsfPresencePing, tag,       0x00, 0x00};
}

RmcpPong ParseRmcpPong(std::string_view b) {
  if (auto bad = CheckHeader(b)) return *bad;
  RmcpPong p;
  p.tag = Byte(b, 9);
  if (Byte(b, 11) < kPongDataLength || b.size() < kRmcpPongSize) {
    p.kind = RmcpKind::kTruncated;
    p.reason = fmt::format(
        "truncated ASF pong ({} bytes, data length {}; a pong has 28 and 16)",
        b.size(), Byte(b, 11));
    return p;
  }
  p.enterprise = Be32(b, 12);
  p.ipmi = (Byte(b, 20) & 0x80) != 0;
  p.interactions = Byte(b, 21);
  if (p.enterprise != kIntelIana) {
    p.kind = RmcpKind::kOtherVendor;
    p.reason = fmt::format(
        "ASF pong from enterprise {} (Intel AMT says 343): an IPMI/ASF "
        "management controller, not AMT",
        p.enterprise);
    return p;
  }
  p.kind = RmcpKind::kAmt;
  p.web_port = static_cast<uint16_t>(Byte(b, 16) << 8 | Byte(b, 17));
  p.major = Byte(b, 18) >> 4;
  p.minor = Byte(b, 18) & 0x0F;
  uint8_t flags = Byte(b, 19);
  if ((flags & 0x03) != 0x03) {
    p.provisioning = static_cast<AmtProvisioning>(flags & 0x03);
  }
  p.both_web_ports = (flags & 0x04) != 0;
  p.reason = fmt::format("RMCP pong from Intel (enterprise 343): AMT {}.{}",
                         p.major, p.minor);
  return p;
}

std::array<uint8_t, kRmcpPongSize> BuildAmtPong(uint8_t tag, int major,
                                                int minor,
                                                AmtProvisioning state,
                                                uint16_t web_port,
                                                bool both_web_ports) {
  std::array<uint8_t, kRmcpPongSize> p{};
  const uint8_t head[] = {kRmcpVersion, 0x00, kNoAckSequence,
                          kClassAsf,    0x00, 0x00,
                          0x11,         0xBE, kAsfPresencePong,
                          tag,          0x00, kPongDataLength,
                          0x00,         0x00, 0x01,
                          0x57};
  std::copy(std::begin(head), std::end(head), p.begin());
  p[16] = static_cast<uint8_t>(web_port >> 8);
  p[17] = static_cast<uint8_t>(web_port & 0xFF);
  p[18] = static_cast<uint8_t>((major & 0x0F) << 4 | (minor & 0x0F));
  p[19] = static_cast<uint8_t>(static_cast<uint8_t>(state) |
                               (both_web_ports ? 0x04 : 0x00));
  p[20] = 0x01;  // ASF 1.0; AMT is no IPMI BMC, so bit 7 stays clear
  p[21] = 0x20;  // the bit MeshCentral requires (§2.12)
  return p;
}

}  // namespace amtscope
