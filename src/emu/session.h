// One accepted connection: optional TLS handshake, then bounded HTTP/1.1
// requests routed to the host until close, error or deadline.
#ifndef AMTSCOPE_EMU_SESSION_H_
#define AMTSCOPE_EMU_SESSION_H_

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <cstdint>
#include <memory>

#include "emu/digest_auth.h"
#include "emu/emulator.h"
#include "emu/event_log.h"
#include "emu/host_config.h"

namespace amtscope::emu {

/// Per-host state shared by its listeners (built at start, small).
struct HostState {
  HostProfile profile;
  std::atomic<uint64_t> message_id{0};
};

/// What every session needs; owned by the emulator, outlives all sessions.
struct SessionEnv {
  const EmulatorOptions* options = nullptr;
  const NonceMinter* nonces = nullptr;
  EventLog* log = nullptr;
  std::atomic<size_t>* active = nullptr;  // live connections (for the cap)
};

/// Serves one connection; `peer` is the address accept() returned (a reset
/// socket no longer knows it); `tls_ctx` null = plain HTTP.
boost::asio::awaitable<void> ServeConnection(
    boost::asio::ip::tcp::socket socket, boost::asio::ip::tcp::endpoint peer,
    HostState& host, std::shared_ptr<boost::asio::ssl::context> tls_ctx,
    SessionEnv env);

}  // namespace amtscope::emu

#endif  // AMTSCOPE_EMU_SESSION_H_
