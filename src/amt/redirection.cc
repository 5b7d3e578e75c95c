#include "amt/redirection.h"

#include <fmt/format.h>

#include "amt/rmcp.h"

namespace amtscope {
namespace {

uint8_t Byte(std::string_view b, size_t at) {
  return static_cast<uint8_t>(b[at]);
}

}  // namespace

size_t RedirectionReplySize(std::string_view b) {
  if (b.size() < kRedirectionReplyMin) return 0;
  return kRedirectionReplyMin + Byte(b, kRedirectionReplyMin - 1);
}

RedirectionReply ParseRedirectionReply(std::string_view b) {
  RedirectionReply r;
  if (b.empty()) {
    r.reason = "no answer to the redirection start message";
    return r;
  }
  if (Byte(b, 0) != kRedirectionReplyType) {
    r.reason = fmt::format(
        "first byte 0x{:02x} is not a StartRedirectionSessionReply (0x11)",
        Byte(b, 0));
    return r;
  }
  size_t want = RedirectionReplySize(b);
  if (want == 0 || b.size() < want) {
    r.reason = fmt::format("truncated redirection reply ({} bytes)", b.size());
    return r;
  }
  r.status = Byte(b, 1);
  r.protocol_major = Byte(b, 4);
  r.protocol_minor = Byte(b, 5);
  r.major = Byte(b, 6);
  r.minor = Byte(b, 7);
  r.enterprise = static_cast<uint32_t>(Byte(b, 8)) |
                 static_cast<uint32_t>(Byte(b, 9)) << 8 |
                 static_cast<uint32_t>(Byte(b, 10)) << 16 |
                 static_cast<uint32_t>(Byte(b, 11)) << 24;
  if (r.enterprise != kIntelIana) {
    r.reason = fmt::format(
        "redirection reply names enterprise {}, not Intel (343)", r.enterprise);
    return r;
  }
  r.amt = true;
  r.reason = fmt::format("redirection reply (status {}) from AMT {}.{}",
                         r.status, r.major, r.minor);
  return r;
}

bool IsRedirectionStart(std::string_view b) {
  return b.size() >= 8 &&
         (b.substr(0, 8) == kRedirectionStartSol ||
          b.substr(0, 8) == kRedirectionStartIder ||
          b.substr(0, 8) == std::string_view("\x10\x01\x00\x00KVMR", 8));
}

std::string BuildRedirectionReply(int major, int minor) {
  std::string r = {'\x11', 0, 0, 0, 1, 0};
  r.push_back(static_cast<char>(major & 0xFF));
  r.push_back(static_cast<char>(minor & 0xFF));
  r += std::string_view("\x57\x01\x00\x00\x00", 5);
  return r;
}

}  // namespace amtscope
