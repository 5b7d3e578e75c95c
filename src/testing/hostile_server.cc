#include "testing/hostile_server.h"

#include <fmt/format.h>
#include <openssl/rand.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <string_view>

namespace amtscope {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
constexpr auto kUse = asio::as_tuple(asio::use_awaitable);
constexpr size_t kMaxHead = 16384;

// Reads up to the end of one request's headers (bounded); false on EOF,
// error or an oversized head.
asio::awaitable<bool> ReadHead(tcp::socket& s) {
  std::string buf;
  while (buf.find("\r\n\r\n") == std::string::npos) {
    if (buf.size() > kMaxHead) co_return false;
    char tmp[2048];
    auto [ec, n] = co_await s.async_read_some(asio::buffer(tmp), kUse);
    if (ec) co_return false;
    buf.append(tmp, n);
  }
  co_return true;
}

asio::awaitable<void> Hold(tcp::socket s) {
  char tmp[512];
  for (;;) {
    auto [ec, n] = co_await s.async_read_some(asio::buffer(tmp), kUse);
    if (ec) co_return;
  }
}

asio::awaitable<void> Drip(tcp::socket s) {
  if (!co_await ReadHead(s)) co_return;
  constexpr std::string_view kResponse =
      "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n"
      "Connection: close\r\n\r\n";
  asio::steady_timer t(s.get_executor());
  for (char c : kResponse) {
    auto [ec, n] = co_await asio::async_write(s, asio::buffer(&c, 1), kUse);
    if (ec) co_return;
    t.expires_after(std::chrono::seconds(1));
    co_await t.async_wait(kUse);
  }
}

asio::awaitable<void> EndlessHeaders(tcp::socket s) {
  if (!co_await ReadHead(s)) co_return;
  std::string chunk = "HTTP/1.1 200 OK\r\n";
  for (uint64_t i = 0;; ++i) {
    chunk += fmt::format("X-Filler-{}: {}\r\n", i, std::string(100, 'a'));
    auto [ec, n] = co_await asio::async_write(s, asio::buffer(chunk), kUse);
    if (ec) co_return;
    chunk.clear();
  }
}

asio::awaitable<void> Garbage(tcp::socket s) {
  std::string junk(4096, '\0');
  RAND_bytes(reinterpret_cast<unsigned char*>(junk.data()),
             static_cast<int>(junk.size()));
  junk[0] = '\x17';  // never accidentally "HTTP/"
  co_await asio::async_write(s, asio::buffer(junk), kUse);
}

asio::awaitable<void> Handle(tcp::socket s, HostileKind kind) {
  boost::system::error_code ignored;
  switch (kind) {
    case HostileKind::kTarpit:
      co_await Hold(std::move(s));
      break;
    case HostileKind::kSlowDrip:
      co_await Drip(std::move(s));
      break;
    case HostileKind::kEndlessHeaders:
      co_await EndlessHeaders(std::move(s));
      break;
    case HostileKind::kGarbage:
      co_await Garbage(std::move(s));
      break;
    case HostileKind::kInstantClose:
      s.close(ignored);
      break;
    case HostileKind::kReset:
      s.set_option(asio::socket_base::linger(true, 0), ignored);
      s.close(ignored);
      break;
  }
}

}  // namespace

Result<std::unique_ptr<HostileServer>> HostileServer::Start(
    HostileKind kind, const std::string& address, uint16_t port) {
  std::unique_ptr<HostileServer> srv(new HostileServer());
  srv->kind_ = kind;
  srv->ctx_ = std::make_unique<asio::io_context>(1);
  AMTSCOPE_RETURN_IF_ERROR(srv->Listen(address, port));
  srv->Accept();
  srv->thread_ = std::thread([s = srv.get()] { s->ctx_->run(); });
  return srv;
}

Status HostileServer::Listen(const std::string& address, uint16_t port) {
  boost::system::error_code ec;
  auto addr = asio::ip::make_address(address, ec);
  if (ec || !addr.is_loopback()) {
    return Status::InvalidArgument("not a loopback address: " + address,
                                   "use 127.x.y.z or ::1");
  }
  acceptor_ = std::make_unique<tcp::acceptor>(*ctx_);
  tcp::endpoint ep(addr, port);
  acceptor_->open(ep.protocol(), ec);
  if (!ec) acceptor_->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_->bind(ep, ec);
  if (!ec) acceptor_->listen(4096, ec);
  if (ec) {
    return Status::IoError(
        fmt::format("cannot listen on {}:{}: {}", address, port, ec.message()),
        "pick another address or port");
  }
  port_ = acceptor_->local_endpoint().port();
  return Status::Ok();
}

void HostileServer::Accept() {
  acceptor_->async_accept([this](boost::system::error_code ec, tcp::socket s) {
    if (ec == asio::error::operation_aborted || !acceptor_->is_open()) return;
    if (!ec) {
      connections_.fetch_add(1);
      asio::co_spawn(*ctx_, Handle(std::move(s), kind_),
                     [](const std::exception_ptr&) {});
    }
    Accept();
  });
}

HostileServer::~HostileServer() {
  try {  // posting or joining fails only on resource exhaustion
    asio::post(*ctx_, [this] {
      boost::system::error_code ignored;
      acceptor_->close(ignored);
    });
    ctx_->stop();
    if (thread_.joinable()) thread_.join();
  } catch (const std::exception&) {
    ctx_->stop();
  }
}

}  // namespace amtscope
