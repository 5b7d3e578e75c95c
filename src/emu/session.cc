#include "emu/session.h"

#include <fmt/format.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <ctime>

#include "emu/router.h"

namespace amtscope::emu {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

// Decrements the live-connection count however the session ends.
struct ActiveGuard {
  std::atomic<size_t>* active;
  ~ActiveGuard() { active->fetch_sub(1, std::memory_order_relaxed); }
};

ConnectionInfo Describe(const tcp::socket& s, const tcp::endpoint& peer,
                        bool tls) {
  ConnectionInfo c;
  c.remote_addr = peer.address().to_string();
  c.remote_port = peer.port();
  boost::system::error_code ec;
  auto local = s.local_endpoint(ec);
  if (!ec) {
    c.local_addr = local.address().to_string();
    c.local_port = local.port();
  }
  c.tls = tls;
  return c;
}

HttpRequest ToRequest(const http::request<http::string_body>& m) {
  HttpRequest r;
  r.method = std::string(m.method_string());
  r.target = std::string(m.target());
  r.version = m.version();
  r.host = std::string(m[http::field::host]);
  r.user_agent = std::string(m[http::field::user_agent]);
  r.soap_action = std::string(m["SOAPAction"]);
  if (auto it = m.find(http::field::authorization); it != m.end()) {
    r.authorization = std::string(it->value());
  }
  r.body = m.body();
  r.keep_alive = m.keep_alive();
  return r;
}

// The peer closed or reset the connection (not a protocol error).
bool IsClose(const boost::system::error_code& ec) {
  return ec == http::error::end_of_stream || ec == asio::error::eof ||
         ec == asio::ssl::error::stream_truncated ||
         ec == asio::error::connection_reset;
}

size_t FieldCount(const http::request<http::string_body>& m) {
  size_t n = 0;
  for (auto it = m.begin(); it != m.end(); ++it) ++n;
  return n;
}

// Serves requests on `stream` (plain tcp_stream or ssl_stream over it).
template <typename Stream>
asio::awaitable<void> ServeHttp(Stream& stream, HostState& host,
                                const ConnectionInfo& conn,
                                const SessionEnv& env) {
  const EmulatorOptions& opt = *env.options;
  // Bounded buffer: the parser's limits plus one read's worth of slack.
  beast::flat_buffer buffer(opt.header_limit + opt.body_limit + 4096);
  uint64_t served = 0;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(opt.header_limit));
    parser.body_limit(opt.body_limit);
    beast::get_lowest_layer(stream).expires_after(opt.read_timeout);
    auto [ec, n] = co_await http::async_read(stream, buffer, parser, kTuple);
    if (ec) {
      // Closed or reset between requests: a client's (or scanner's) normal
      // end; before the first request it is a port probe.
      bool quiet_end = IsClose(ec) && buffer.size() == 0 && !parser.got_some();
      if (quiet_end && served == 0) {
        env.log->RecordConnection(conn, "probe",
                                  "closed before any request: " + ec.message());
      } else if (!quiet_end) {
        RequestInfo info;
        info.classification = Classification::kMalformed;
        info.detail = ec == beast::error::timeout ? "read deadline exceeded"
                                                  : ec.message();
        env.log->RecordRequest(conn, info);
      }
      co_return;
    }
    const auto& msg = parser.get();
    HttpRequest req = ToRequest(msg);
    if (FieldCount(msg) > opt.max_header_count) {
      RequestInfo info{req.method,
                       req.target,
                       req.user_agent,
                       nullptr,
                       Classification::kMalformed,
                       0,
                       "too many header fields"};
      env.log->RecordRequest(conn, info);
      co_return;
    }
    uint64_t id = host.message_id.fetch_add(1, std::memory_order_relaxed) + 1;
    HttpReply reply =
        Route(host.profile, *env.nonces, req, conn.tls, std::time(nullptr), id);
    RequestInfo info{req.method,  req.target,           req.user_agent,
                     &reply.auth, Classify(reply.auth), reply.status,
                     {}};
    env.log->RecordRequest(conn, info);
    ++served;
    beast::get_lowest_layer(stream).expires_after(opt.read_timeout);
    auto [wec, wn] =
        co_await asio::async_write(stream, asio::buffer(reply.bytes), kTuple);
    if (wec || reply.close) co_return;
  }
}

}  // namespace

asio::awaitable<void> ServeConnection(
    tcp::socket socket, tcp::endpoint peer, HostState& host,
    std::shared_ptr<asio::ssl::context> tls_ctx, SessionEnv env) {
  ActiveGuard guard{env.active};
  ConnectionInfo conn = Describe(socket, peer, tls_ctx != nullptr);
  env.log->RecordConnection(conn, "connect");
  socket.set_option(tcp::no_delay(true));
  beast::tcp_stream tcp_stream(std::move(socket));
  if (!tls_ctx) {
    co_await ServeHttp(tcp_stream, host, conn, env);
    boost::system::error_code ec;
    tcp_stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    co_return;
  }
  beast::ssl_stream<beast::tcp_stream> tls(std::move(tcp_stream), *tls_ctx);
  beast::get_lowest_layer(tls).expires_after(env.options->read_timeout);
  auto [ec] =
      co_await tls.async_handshake(asio::ssl::stream_base::server, kTuple);
  if (ec) {
    // A connect-and-reset (nmap -sT) lands here on TLS ports.
    bool probe = IsClose(ec);
    env.log->RecordConnection(
        conn, probe ? "probe" : "tls-error",
        probe ? "closed before any request: " + ec.message() : ec.message());
    co_return;
  }
  co_await ServeHttp(tls, host, conn, env);
  // Send close_notify; do not wait long for the peer's.
  beast::get_lowest_layer(tls).expires_after(std::chrono::seconds(1));
  co_await tls.async_shutdown(kTuple);
}

}  // namespace amtscope::emu
