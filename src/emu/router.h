// Router: one parsed HTTP request in, the bytes AMT would answer out. Pure
// (no sockets), so every behaviour of §2 and §7 is unit-testable.
#ifndef AMTSCOPE_EMU_ROUTER_H_
#define AMTSCOPE_EMU_ROUTER_H_

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>

#include "emu/digest_auth.h"
#include "emu/host_config.h"

namespace amtscope::emu {

/// The parts of a request the emulator looks at.
struct HttpRequest {
  std::string method;
  std::string target;
  int version = 11;  // 10 or 11
  std::string host;  // Host header ("" when absent)
  std::string user_agent;
  std::string soap_action;
  std::optional<std::string> authorization;
  std::string body;
  bool keep_alive = true;  // what the client asked for
};

/// The answer: raw bytes and whether to close afterwards.
struct HttpReply {
  std::string bytes;
  int status = 0;
  bool close = false;
  AuthResult auth;  // how the Authorization header was judged
};

/// Routes one request for `host` (§7 emulator checklist). `message_id`
/// numbers WS-Man responses.
HttpReply Route(const HostProfile& host, const NonceMinter& nonces,
                const HttpRequest& req, bool tls, std::time_t now,
                uint64_t message_id);

/// The path part of a request target (drops query and absolute-form prefix).
std::string PathOf(const std::string& target);

}  // namespace amtscope::emu

#endif  // AMTSCOPE_EMU_ROUTER_H_
