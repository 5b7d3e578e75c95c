// ProbeConnection: one probe's TCP (+TLS) connection with a deadline watchdog.
#ifndef AMTSCOPE_SCAN_PROBE_CONNECTION_H_
#define AMTSCOPE_SCAN_PROBE_CONNECTION_H_

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "net/http_response.h"

namespace amtscope {

class ProbeRegistry;

/// A socket, an optional TLS layer and one timer that closes the socket when
/// the current step's deadline passes (so tarpits and slow drips cannot
/// stall a probe). Memory is kept small: plain reads go through a
/// per-thread scratch buffer after a readiness wait, so an idle probe holds
/// no read buffer at all. Owned by shared_ptr (the timer handler holds one).
class ProbeConnection : public std::enable_shared_from_this<ProbeConnection> {
 public:
  using Clock = std::chrono::steady_clock;
  using ErrorCode = boost::system::error_code;
  template <typename T>
  using Awaitable = boost::asio::awaitable<T>;

  ProbeConnection(const boost::asio::any_io_executor& ex,
                  ProbeRegistry* registry);
  ~ProbeConnection();
  ProbeConnection(const ProbeConnection&) = delete;
  ProbeConnection& operator=(const ProbeConnection&) = delete;

  /// Takes over an already connected socket (the connect stage's).
  void Adopt(boost::asio::ip::tcp::socket socket);
  /// Closes the current connection and connects anew (one attempt).
  Awaitable<ErrorCode> Connect(const boost::asio::ip::tcp::endpoint& ep);
  /// TLS client handshake on the connected socket, offering to resume
  /// `resume` (from an earlier connection to the same port) when given.
  Awaitable<ErrorCode> Handshake(boost::asio::ssl::context& ctx,
                                 SSL_SESSION* resume = nullptr);
  /// The current TLS session (caller owns a reference), or null.
  SSL_SESSION* TakeSession() const;
  /// The last handshake resumed a session (no new key exchange).
  bool resumed() const;
  /// Sends all of `data`.
  Awaitable<ErrorCode> Write(std::string_view data);
  /// Reads until `reader` is done (or an error/EOF); EOF is fed to reader.
  Awaitable<ErrorCode> ReadResponse(HttpResponseReader& reader);

  /// Every later step must end by `deadline` (the socket closes then).
  void ArmDeadline(Clock::time_point deadline);
  /// Closes the connection (RST when still open: no TIME_WAIT pile-up).
  void Close();
  /// Stops the watchdog and closes: the probe is over.
  void Finish();
  /// Finish() and mark the probe cancelled (engine shutdown).
  void Cancel();

  bool timed_out() const { return timed_out_; }
  bool cancelled() const { return cancelled_; }
  bool is_open() const;
  bool tls() const { return tls_ != nullptr; }
  /// "TLSv1", "TLSv1.2", ... ("" when plain).
  std::string tls_version() const;
  /// Lowercase hex SHA-256 of the peer's certificate (DER), the device
  /// fingerprint the inventory links by; "" when plain or none was sent.
  std::string cert_sha256() const;

  // Intrusive list links for ProbeRegistry (no per-probe allocation).
  ProbeConnection* prev_ = nullptr;
  ProbeConnection* next_ = nullptr;

 private:
  boost::asio::ip::tcp::socket& Socket();
  void Watch();

  boost::asio::ip::tcp::socket socket_;
  std::unique_ptr<boost::asio::ssl::stream<boost::asio::ip::tcp::socket>> tls_;
  std::unique_ptr<char[]> tls_buffer_;  // only for TLS reads
  boost::asio::steady_timer timer_;
  ProbeRegistry* registry_;
  uint32_t generation_ = 0;
  bool timed_out_ = false;
  bool cancelled_ = false;
};

/// The probes in flight on one thread, so shutdown can cancel them all.
/// Used only from its own thread.
class ProbeRegistry {
 public:
  void Add(ProbeConnection* c);
  void Remove(ProbeConnection* c);
  /// Cancels every registered connection.
  void CancelAll();
  size_t size() const { return size_; }

 private:
  ProbeConnection* head_ = nullptr;
  size_t size_ = 0;
};

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_PROBE_CONNECTION_H_
