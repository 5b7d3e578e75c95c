#include "scan/probe_connection.h"

#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

namespace amtscope {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
constexpr auto kUse = asio::as_tuple(asio::use_awaitable);
constexpr size_t kTlsBuffer = 4096;

// One per thread: plain reads land here only after a readiness wait, and
// are parsed before the coroutine suspends again, so probes never share
// bytes in flight.
std::array<char, 16384>& Scratch() {
  thread_local std::array<char, 16384> scratch;
  return scratch;
}

}  // namespace

ProbeConnection::ProbeConnection(const asio::any_io_executor& ex,
                                 ProbeRegistry* registry)
    : socket_(ex), timer_(ex), registry_(registry) {
  if (registry_ != nullptr) registry_->Add(this);
}

ProbeConnection::~ProbeConnection() {
  if (registry_ != nullptr) registry_->Remove(this);
}

tcp::socket& ProbeConnection::Socket() {
  return tls_ ? tls_->next_layer() : socket_;
}

bool ProbeConnection::is_open() const {
  return tls_ ? tls_->next_layer().is_open() : socket_.is_open();
}

std::string ProbeConnection::tls_version() const {
  if (!tls_) return "";
  return SSL_get_version(const_cast<SSL*>(tls_->native_handle()));
}

std::string ProbeConnection::cert_sha256() const {
  if (!tls_) return "";
  X509* cert = SSL_get0_peer_certificate(
      const_cast<SSL*>(tls_->native_handle()));  // a resumed session keeps it
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (cert == nullptr || X509_digest(cert, EVP_sha256(), md, &len) != 1)
    return "";
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size_t{2} * len);
  for (unsigned int i = 0; i < len; ++i) {
    hex.push_back(kHex[md[i] >> 4]);
    hex.push_back(kHex[md[i] & 15]);
  }
  return hex;
}

void ProbeConnection::ArmDeadline(Clock::time_point deadline) {
  timer_.expires_at(deadline);  // cancels the previous wait
  Watch();
}

void ProbeConnection::Watch() {
  uint32_t gen = ++generation_;
  timer_.async_wait([self = shared_from_this(), gen](const ErrorCode& ec) {
    if (ec || gen != self->generation_) return;
    self->timed_out_ = true;
    self->Close();
  });
}

void ProbeConnection::Close() {
  // OpenSSL marks a session unresumable when its connection ends without
  // close_notify; we reset instead of a shutdown round trip, so say it ended.
  if (tls_) {
    SSL_set_shutdown(tls_->native_handle(),
                     SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
  }
  tcp::socket& s = Socket();
  if (!s.is_open()) return;
  ErrorCode ignored;
  s.set_option(asio::socket_base::linger(true, 0), ignored);
  s.close(ignored);
}

void ProbeConnection::Finish() {
  ++generation_;
  timer_.cancel();
  Close();
}

void ProbeConnection::Cancel() {
  cancelled_ = true;
  Finish();
}

void ProbeConnection::Adopt(tcp::socket socket) {
  Close();
  tls_.reset();
  socket_ = std::move(socket);
}

asio::awaitable<ProbeConnection::ErrorCode> ProbeConnection::Connect(
    const tcp::endpoint& ep) {
  Close();
  tls_.reset();
  tls_buffer_.reset();
  socket_ = tcp::socket(timer_.get_executor());
  timed_out_ = false;
  if (cancelled_) co_return asio::error::operation_aborted;
  ErrorCode ec;
  socket_.open(ep.protocol(), ec);
  if (ec) co_return ec;
  socket_.non_blocking(true, ec);
  auto [cec] = co_await socket_.async_connect(ep, kUse);
  co_return cec;
}

SSL_SESSION* ProbeConnection::TakeSession() const {
  return tls_ ? SSL_get1_session(tls_->native_handle()) : nullptr;
}

bool ProbeConnection::resumed() const {
  return tls_ && SSL_session_reused(tls_->native_handle()) == 1;
}

asio::awaitable<ProbeConnection::ErrorCode> ProbeConnection::Handshake(
    asio::ssl::context& ctx, SSL_SESSION* resume) {
  tls_ =
      std::make_unique<asio::ssl::stream<tcp::socket>>(std::move(socket_), ctx);
  tls_buffer_ = std::make_unique<char[]>(kTlsBuffer);
  // Each probe reconnects up to three times (AMT closes after a 401, §2.3);
  // resuming spares the device two of three RSA operations.
  if (resume != nullptr) SSL_set_session(tls_->native_handle(), resume);
  auto [ec] =
      co_await tls_->async_handshake(asio::ssl::stream_base::client, kUse);
  co_return ec;
}

asio::awaitable<ProbeConnection::ErrorCode> ProbeConnection::Write(
    std::string_view data) {
  if (tls_) {
    auto [ec, n] = co_await asio::async_write(*tls_, asio::buffer(data), kUse);
    co_return ec;
  }
  auto [ec, n] = co_await asio::async_write(socket_, asio::buffer(data), kUse);
  co_return ec;
}

asio::awaitable<ProbeConnection::ErrorCode> ProbeConnection::ReadResponse(
    HttpResponseReader& reader) {
  while (!reader.done()) {
    size_t n = 0;
    ErrorCode ec;
    const char* data = nullptr;
    if (tls_) {
      auto [rec, rn] = co_await tls_->async_read_some(
          asio::buffer(tls_buffer_.get(), kTlsBuffer), kUse);
      ec = rec;
      n = rn;
      data = tls_buffer_.get();
    } else {
      auto [wec] = co_await socket_.async_wait(tcp::socket::wait_read, kUse);
      if (wec) co_return wec;
      auto& scratch = Scratch();
      n = socket_.read_some(asio::buffer(scratch), ec);
      data = scratch.data();
      if (ec == asio::error::would_block || ec == asio::error::try_again)
        continue;
    }
    if (n > 0) reader.Feed(std::string_view(data, n));
    if (ec == asio::error::eof || ec == asio::ssl::error::stream_truncated) {
      reader.OnEof();
      co_return ErrorCode();
    }
    if (ec) co_return ec;
  }
  co_return ErrorCode();
}

void ProbeRegistry::Add(ProbeConnection* c) {
  c->prev_ = nullptr;
  c->next_ = head_;
  if (head_ != nullptr) head_->prev_ = c;
  head_ = c;
  ++size_;
}

void ProbeRegistry::Remove(ProbeConnection* c) {
  if (c->prev_ != nullptr)
    c->prev_->next_ = c->next_;
  else
    head_ = c->next_;
  if (c->next_ != nullptr) c->next_->prev_ = c->prev_;
  c->prev_ = c->next_ = nullptr;
  --size_;
}

void ProbeRegistry::CancelAll() {
  for (ProbeConnection* c = head_; c != nullptr; c = c->next_) c->Cancel();
}

}  // namespace amtscope
