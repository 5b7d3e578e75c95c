// What an emulated host answers beyond its web server (issue 15): the RMCP
// presence pong on UDP 623 and the redirection handshake on 16994/16995
// (docs/protocol.md §2.10, §2.12; docs/emulate.md).
#ifndef AMTSCOPE_EMU_SIDE_CHANNELS_H_
#define AMTSCOPE_EMU_SIDE_CHANNELS_H_

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <optional>
#include <string>

#include "emu/session.h"

namespace amtscope::emu {

/// The datagram `profile` sends back for `request` on the RMCP port, or
/// nullopt for silence (RMCP off, or not a presence ping). Pure.
std::optional<std::string> RmcpAnswer(const HostProfile& profile,
                                      std::string_view request);

/// Answers datagrams on `socket` (bound to the host's RMCP port) until it
/// is closed; every datagram is logged (rmcp-ping / rmcp-other).
boost::asio::awaitable<void> ServeRmcp(boost::asio::ip::udp::socket& socket,
                                       HostState& host, EventLog* log);

/// One redirection connection: reads the 8-byte start message, answers it
/// with the StartRedirectionSessionReply (AMT's major.minor) and then waits
/// briefly for the client to close; anything else is logged and closed.
boost::asio::awaitable<void> ServeRedirection(
    boost::asio::ip::tcp::socket socket, boost::asio::ip::tcp::endpoint peer,
    HostState& host, std::shared_ptr<boost::asio::ssl::context> tls_ctx,
    SessionEnv env);

}  // namespace amtscope::emu

#endif  // AMTSCOPE_EMU_SIDE_CHANNELS_H_
