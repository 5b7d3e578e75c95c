// The redirection listener on 16994/16995 (docs/protocol.md §2.10): the one
// StartRedirectionSession message the scanner sends, and a strict parser of
// the reply, which leaks AMT's major.minor and Intel's enterprise number
// without a login. Pure and bounded; scanner and emulator share it.
#ifndef AMTSCOPE_AMT_REDIRECTION_H_
#define AMTSCOPE_AMT_REDIRECTION_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace amtscope {

/// StartRedirectionSession for Serial-over-LAN: `10 00 00 00 "SOL "`.
inline constexpr std::string_view kRedirectionStartSol{"\x10\x00\x00\x00SOL ",
                                                       8};
/// The same for IDE redirection: `10 00 00 00 "IDER"`.
inline constexpr std::string_view kRedirectionStartIder{"\x10\x00\x00\x00IDER",
                                                        8};
/// The reply's fixed part: type, status, 2 reserved, protocol 2, firmware
/// major/minor 2, IANA 4, OEM length 1.
inline constexpr size_t kRedirectionReplyMin = 13;
/// StartRedirectionSessionReply's message type.
inline constexpr uint8_t kRedirectionReplyType = 0x11;

/// What a redirection port answered to the start message.
struct RedirectionReply {
  bool amt = false;        // type 0x11, Intel IANA 343, complete
  std::string reason;      // one line: why it is (not) AMT
  int status = -1;         // 0 = success; -1 when not a reply
  int protocol_major = 0;  // bytes 4-5: redirection protocol 1.0
  int protocol_minor = 0;
  int major = 0;  // bytes 6-7: AMT firmware major.minor
  int minor = 0;
  uint32_t enterprise = 0;  // bytes 8-11, little-endian (343 = Intel)
};

/// Parses the first bytes a redirection port sent after the start message.
/// Needs 13 bytes plus the OEM data the length byte announces; never reads
/// past `bytes`.
RedirectionReply ParseRedirectionReply(std::string_view bytes);

/// How many bytes the reply starting with `bytes` has in all (13 + OEM
/// length), or 0 while fewer than 13 have arrived (a reader's stop rule).
size_t RedirectionReplySize(std::string_view bytes);

/// True when `bytes` begins with a StartRedirectionSession (`10 00 00 00`
/// + "SOL "/"IDER", or `10 01 00 00 "KVMR"`): the emulator's recogniser.
bool IsRedirectionStart(std::string_view bytes);

/// The 13-byte success reply AMT `major`.`minor` sends (emulator, tests).
std::string BuildRedirectionReply(int major, int minor);

}  // namespace amtscope

#endif  // AMTSCOPE_AMT_REDIRECTION_H_
