#include "scan/redirection_probe.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace amtscope {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
constexpr size_t kMaxReply = kRedirectionReplyMin + 255;

// Sends the start message once and reads until the reply is complete.
template <typename Stream>
asio::awaitable<void> Exchange(Stream& stream, RedirectionResult& out) {
  auto [wec, wn] = co_await asio::async_write(
      stream,
      asio::buffer(kRedirectionStartSol.data(), kRedirectionStartSol.size()),
      kTuple);
  if (wec) {
    out.error = "write";
    co_return;
  }
  std::string got;
  char chunk[512];
  for (;;) {
    size_t want = RedirectionReplySize(got);
    if ((want != 0 && got.size() >= want) || got.size() >= kMaxReply) break;
    auto [ec, n] = co_await stream.async_read_some(asio::buffer(chunk), kTuple);
    got.append(chunk, n);
    if (ec) {
      if (got.empty())
        out.error = ec == asio::error::eof ? "closed" : "timeout";
      break;
    }
  }
  if (got.empty()) co_return;
  out.state = RedirectionState::kAnswered;
  out.reply = ParseRedirectionReply(got);
}

asio::awaitable<void> ProbeOne(RedirectionResult& out,
                               std::chrono::milliseconds timeout,
                               asio::ssl::context& tls_ctx) {
  beast::tcp_stream stream(co_await asio::this_coro::executor);
  stream.expires_after(timeout);
  auto [ec] = co_await stream.async_connect(
      tcp::endpoint(out.address, out.port), kTuple);
  if (ec) {
    bool refused = ec == asio::error::connection_refused;
    out.state = refused ? RedirectionState::kClosed : RedirectionState::kSilent;
    out.error = refused ? "refused" : "timeout";
    co_return;
  }
  out.connected = true;
  stream.expires_after(timeout);
  if (!out.tls) {
    co_await Exchange(stream, out);
    co_return;
  }
  beast::ssl_stream<beast::tcp_stream> tls(std::move(stream), tls_ctx);
  auto [hec] =
      co_await tls.async_handshake(asio::ssl::stream_base::client, kTuple);
  if (hec) {
    out.error = "tls";
    co_return;
  }
  out.tls_version = SSL_get_version(tls.native_handle());
  beast::get_lowest_layer(tls).expires_after(timeout);
  co_await Exchange(tls, out);
}

}  // namespace

asio::awaitable<void> ProbeRedirectionPort(RedirectionResult& out,
                                           std::chrono::milliseconds timeout,
                                           TlsClientContexts& tls) {
  // AMT 6-11 speak TLS 1.0/1.1 only; the legacy context also offers 1.2.
  co_await ProbeOne(out, timeout, tls.Get(TlsClass::kLegacyAmt));
}

std::vector<RedirectionResult> ProbeRedirection(
    const std::vector<asio::ip::address>& addresses,
    const RedirectionProbeSettings& settings, TlsClientContexts& tls) {
  std::vector<RedirectionResult> results;
  results.reserve(addresses.size() * 2);
  for (const auto& a : addresses) {
    results.push_back({a, settings.plain_port, false});
    results.push_back({a, settings.tls_port, true});
  }
  asio::io_context ctx(1);
  // AMT 6-11 speak TLS 1.0/1.1 only; the legacy context also offers 1.2.
  asio::ssl::context& tls_ctx = tls.Get(TlsClass::kLegacyAmt);
  size_t next = 0;
  auto worker = [&]() -> asio::awaitable<void> {
    while (next < results.size()) {
      RedirectionResult& r = results[next++];
      co_await ProbeOne(r, settings.timeout, tls_ctx);
    }
  };
  size_t workers =
      std::min(std::max<size_t>(settings.concurrency, 1), results.size());
  for (size_t i = 0; i < workers; ++i) {
    asio::co_spawn(ctx, worker(), asio::detached);
  }
  ctx.run();
  return results;
}

}  // namespace amtscope
