// RMCP/ASF presence ping and pong on UDP 623 (docs/protocol.md §2.12): the
// ping the scanner sends, and a strict parser of the pong AMT answers with
// (version, provisioning state, web ports). Pure and bounded: bytes in,
// facts out; the scanner and the emulator share it.
#ifndef AMTSCOPE_AMT_RMCP_H_
#define AMTSCOPE_AMT_RMCP_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace amtscope {

/// The ASF-RMCP port (§2.10; secure RMCP would be 664/udp).
inline constexpr uint16_t kRmcpPort = 623;
/// Sizes of the presence ping and of a complete pong (§2.12).
inline constexpr size_t kRmcpPingSize = 12;
inline constexpr size_t kRmcpPongSize = 28;
/// IANA enterprise numbers: ASF (in every ASF header) and Intel (AMT's OEM).
inline constexpr uint32_t kAsfIana = 4542;
inline constexpr uint32_t kIntelIana = 343;
/// ASF message types (§2.12).
inline constexpr uint8_t kAsfPresencePing = 0x80;
inline constexpr uint8_t kAsfPresencePong = 0x40;

/// AMT's provisioning state as the pong reports it (byte 19, bits 0-1).
enum class AmtProvisioning : uint8_t { kPre = 0, kIn = 1, kPost = 2 };

/// "pre", "in", "post" (the scan record's `provisioning`).
std::string_view ToString(AmtProvisioning state);

/// The 12-byte presence ping `06 00 FF 06 00 00 11 BE 80 <tag> 00 00`.
/// Sequence FF asks for no RMCP ACK (as nmap's probe), so the pong is the
/// only answer; `tag` is echoed by the pong and matches it to the ping.
std::array<uint8_t, kRmcpPingSize> BuildRmcpPing(uint8_t tag);

/// What a UDP 623 answer is.
enum class RmcpKind : uint8_t {
  kNotPong,      // not an RMCP/ASF presence pong at all (junk, an echo)
  kTruncated,    // an ASF pong shorter than its 28 bytes / 16 data bytes
  kOtherVendor,  // a complete pong whose OEM enterprise is not Intel (a BMC)
  kAmt,          // Intel's pong: AMT is present
};

/// The facts of one pong. Only `kind`, `reason`, `tag` and `enterprise` are
/// meaningful unless kind == kAmt.
struct RmcpPong {
  RmcpKind kind = RmcpKind::kNotPong;
  std::string reason;       // one line: why it is (not) AMT
  uint8_t tag = 0;          // the message tag echoed from the ping
  uint32_t enterprise = 0;  // OEM IANA enterprise number (343 = Intel)
  int major = 0;            // AMT major (high nibble of byte 18)
  int minor = 0;            // AMT minor (low nibble)
  std::optional<AmtProvisioning> provisioning;  // absent: value 3
  uint16_t web_port = 0;        // the web port AMT says is open (16992/3)
  bool both_web_ports = false;  // 16992 and 16993 both open (TLS on)
  bool ipmi = false;            // supported entities bit 7
  uint8_t interactions = 0;     // supported interactions byte
};

/// Parses a datagram received from UDP 623 strictly: RMCP version 6, class
/// ASF, ASF IANA 4542, message type 0x40, data length >= 16, all 28 bytes,
/// then Intel's IANA 343 in the OEM field. Never reads past `bytes`.
RmcpPong ParseRmcpPong(std::string_view bytes);

/// The 28-byte pong AMT sends (the emulator's answer; tests' recordings).
std::array<uint8_t, kRmcpPongSize> BuildAmtPong(uint8_t tag, int major,
                                                int minor,
                                                AmtProvisioning state,
                                                uint16_t web_port,
                                                bool both_web_ports);

}  // namespace amtscope

#endif  // AMTSCOPE_AMT_RMCP_H_
