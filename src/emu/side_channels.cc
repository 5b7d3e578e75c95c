#include "emu/side_channels.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "amt/redirection.h"
#include "amt/rmcp.h"

namespace amtscope::emu {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::ip::tcp;
using asio::ip::udp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
constexpr auto kRedirectionLinger = std::chrono::seconds(2);

template <size_t N>
std::string Str(const std::array<uint8_t, N>& a) {
  return std::string(a.begin(), a.end());
}

bool IsPresencePing(std::string_view d) {
  return d.size() >= kRmcpPingSize && d[0] == 0x06 && (d[3] & 0x7F) == 0x06 &&
         d.substr(4, 4) == std::string_view("\x00\x00\x11\xBE", 4) &&
         static_cast<uint8_t>(d[8]) == kAsfPresencePing;
}

std::string Hex(std::string_view d, size_t max = 32) {
  std::string out;
  for (size_t i = 0; i < d.size() && i < max; ++i) {
    out += fmt::format("{:02x}", static_cast<uint8_t>(d[i]));
  }
  return d.size() > max ? out + "..." : out;
}

struct AcceptedGuard {
  std::atomic<size_t>* active;
  ~AcceptedGuard() { active->fetch_sub(1, std::memory_order_relaxed); }
};

template <typename Stream>
asio::awaitable<void> Handshake(Stream& stream, const HostProfile& profile,
                                const ConnectionInfo& conn, EventLog* log) {
  std::string start(8, '\0');
  auto [ec, n] = co_await asio::async_read(stream, asio::buffer(start), kTuple);
  start.resize(n);
  if (!IsRedirectionStart(start)) {
    log->RecordProbe(conn, "redirection", "redirection-other",
                     n == 0 ? "closed before any message"
                            : "not a redirection start: " + Hex(start));
    co_return;
  }
  const FirmwareVersion& v = profile.version;
  std::string reply = BuildRedirectionReply(v.major(), v.minor());
  log->RecordProbe(conn, "redirection", "redirection-start",
                   fmt::format("{} start answered with AMT {}.{}",
                               start.substr(4, 4), v.major(), v.minor()));
  auto [wec, wn] =
      co_await asio::async_write(stream, asio::buffer(reply), kTuple);
  if (wec) co_return;
  // Real AMT now waits for AuthenticateSession; a scanner just closes.
  beast::get_lowest_layer(stream).expires_after(kRedirectionLinger);
  char more[64];
  co_await stream.async_read_some(asio::buffer(more), kTuple);
}

}  // namespace

std::optional<std::string> RmcpAnswer(const HostProfile& p,
                                      std::string_view d) {
  if (p.rmcp == RmcpMode::kOff) return std::nullopt;
  if (p.rmcp == RmcpMode::kEcho) return std::string(d);
  if (!IsPresencePing(d)) return std::nullopt;
  uint8_t tag = static_cast<uint8_t>(d[9]);
  // A 4-bit major cannot say 16 or later (§2.12); such firmware is shown
  // as 15 here, as its real encoding is not known.
  std::string pong = Str(BuildAmtPong(
      tag, std::min(p.version.major(), 15), std::min(p.version.minor(), 15),
      p.config.provisioning, p.pong_web_port, p.pong_both_ports));
  switch (p.rmcp) {
    case RmcpMode::kBmc:  // ASF's own number, IPMI supported, no OEM data
      pong.replace(12, 8, std::string_view("\x00\x00\x11\xBE\0\0\0\0", 8));
      pong[20] = static_cast<char>(0x81);
      pong[21] = 0;
      break;
    case RmcpMode::kTruncated:
      pong.resize(20);
      break;
    case RmcpMode::kWrongEnterprise:  // 343 written little-endian
      pong.replace(12, 4, std::string_view("\x57\x01\x00\x00", 4));
      break;
    default:
      break;
  }
  return pong;
}

asio::awaitable<void> ServeRmcp(udp::socket& socket, HostState& host,
                                EventLog* log) {
  std::array<char, 2048> buf;
  for (;;) {
    udp::endpoint peer;
    auto [ec, n] =
        co_await socket.async_receive_from(asio::buffer(buf), peer, kTuple);
    if (ec == asio::error::operation_aborted || !socket.is_open()) co_return;
    if (ec) continue;
    std::string_view d(buf.data(), n);
    ConnectionInfo c{peer.address().to_string(), peer.port(),
                     host.profile.config.address,
                     socket.local_endpoint().port(), false};
    std::optional<std::string> answer = RmcpAnswer(host.profile, d);
    log->RecordProbe(
        c, "rmcp", IsPresencePing(d) ? "rmcp-ping" : "rmcp-other",
        fmt::format(
            "{} bytes {}; {}", n, Hex(d),
            answer ? fmt::format("answered ({}, {} bytes)",
                                 ToString(host.profile.rmcp), answer->size())
                   : std::string("no answer")));
    if (answer) {
      co_await socket.async_send_to(asio::buffer(*answer), peer, kTuple);
    }
  }
}

asio::awaitable<void> ServeRedirection(
    tcp::socket socket, tcp::endpoint peer, HostState& host,
    std::shared_ptr<asio::ssl::context> tls_ctx, SessionEnv env) {
  AcceptedGuard guard{env.active};
  ConnectionInfo conn;
  conn.remote_addr = peer.address().to_string();
  conn.remote_port = peer.port();
  conn.local_addr = host.profile.config.address;
  boost::system::error_code ignored;
  conn.local_port = socket.local_endpoint(ignored).port();
  conn.tls = tls_ctx != nullptr;
  beast::tcp_stream stream(std::move(socket));
  stream.expires_after(env.options->read_timeout);
  if (!tls_ctx) {
    co_await Handshake(stream, host.profile, conn, env.log);
    co_return;
  }
  beast::ssl_stream<beast::tcp_stream> tls(std::move(stream), *tls_ctx);
  auto [ec] =
      co_await tls.async_handshake(asio::ssl::stream_base::server, kTuple);
  if (ec) {
    env.log->RecordProbe(conn, "redirection", "redirection-other",
                         "TLS handshake failed: " + ec.message());
    co_return;
  }
  co_await Handshake(tls, host.profile, conn, env.log);
  beast::get_lowest_layer(tls).expires_after(std::chrono::seconds(1));
  co_await tls.async_shutdown(kTuple);
}

}  // namespace amtscope::emu
