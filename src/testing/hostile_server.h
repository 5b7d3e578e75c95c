// HostileServer: loopback peers that misbehave at the TCP/HTTP level (silent,
// slow, endless, garbage, closing, resetting), for the scanner's robustness
// tests. Test-only (amtscope_testing); AMT-like peers come from emu::Emulator.
#ifndef AMTSCOPE_TESTING_HOSTILE_SERVER_H_
#define AMTSCOPE_TESTING_HOSTILE_SERVER_H_

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "core/result.h"

namespace amtscope {

/// What a HostileServer does with each connection.
enum class HostileKind {
  kTarpit,          // accepts, reads, never answers
  kSlowDrip,        // a valid HTTP 401, one byte per second
  kEndlessHeaders,  // "HTTP/1.1 200 OK" then header lines forever
  kGarbage,         // 4 KiB of random bytes that are not HTTP
  kInstantClose,    // accepts and closes (FIN)
  kReset,           // accepts and resets (RST)
};

/// A misbehaving server on a loopback address, on its own thread.
class HostileServer {
 public:
  /// Binds `address`:`port` (0 = ephemeral) and starts serving;
  /// InvalidArgument for a non-loopback address, IoError when it cannot bind.
  static Result<std::unique_ptr<HostileServer>> Start(
      HostileKind kind, const std::string& address = "127.0.0.1",
      uint16_t port = 0);
  /// Closes the listener and joins the thread.
  ~HostileServer();
  HostileServer(const HostileServer&) = delete;
  HostileServer& operator=(const HostileServer&) = delete;
  /// The bound port (the real one when 0 was asked for).
  uint16_t port() const { return port_; }
  /// Connections accepted so far.
  int connections() const { return connections_.load(); }

 private:
  HostileServer() = default;
  Status Listen(const std::string& address, uint16_t port);
  void Accept();
  HostileKind kind_ = HostileKind::kTarpit;
  std::unique_ptr<boost::asio::io_context> ctx_;
  std::unique_ptr<boost::asio::ip::tcp::acceptor> acceptor_;
  uint16_t port_ = 0;
  std::atomic<int> connections_{0};
  std::thread thread_;
};

}  // namespace amtscope

#endif  // AMTSCOPE_TESTING_HOSTILE_SERVER_H_
