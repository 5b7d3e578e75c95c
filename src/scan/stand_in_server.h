// Stand-in servers on loopback for tests and the demo (implemented in
// stand_in_server.cc): hostile peers the scanner must survive and a tiny AMT
// stub.
#ifndef AMTSCOPE_SCAN_STAND_IN_SERVER_H_
#define AMTSCOPE_SCAN_STAND_IN_SERVER_H_

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "core/result.h"

namespace amtscope {

/// What a StandInServer does with each connection.
enum class ServerKind {
  kHoneypot,        // AMT banner, 401 without auth, 200 AMT page for ANY auth
  kTarpit,          // accepts, never answers
  kSlowDrip,        // a valid 401, one byte per second
  kEndlessHeaders,  // "HTTP/1.1 200 OK" then headers forever
  kGarbage,         // random bytes
  kInstantClose,    // accept, close
  kReset,           // accept, RST
  kNonAmt,          // an ordinary web server (200, Server: nginx)
  kAmtVulnerable,   // minimal AMT 8.1.40: empty response accepted
  kAmtPatched,      // minimal AMT 8.1.71: only a correct digest accepted
  kAmtWsmanOnly,    // AMT with the web UI off: /index.htm 404, /wsman Digest
  kAnyAuthOk,  // 401 without auth, any Authorization → 200 page (no banner)
};

/// A server on a loopback address running on its own thread.
class StandInServer {
 public:
  /// Binds `address`:`port` (0 = ephemeral) and starts serving; IoError
  /// with a hint when the address cannot be bound.
  static Result<std::unique_ptr<StandInServer>> Start(
      ServerKind kind, const std::string& address = "127.0.0.1",
      uint16_t port = 0);
  ~StandInServer();
  StandInServer(const StandInServer&) = delete;
  StandInServer& operator=(const StandInServer&) = delete;
  uint16_t port() const { return port_; }
  int connections() const { return connections_.load(); }
  int requests() const { return requests_.load(); }

  /// Server header / firmware the AMT-like kinds announce.
  static const char* ServerHeader(ServerKind kind);

 private:
  StandInServer() = default;
  void Accept();
  ServerKind kind_ = ServerKind::kNonAmt;
  std::unique_ptr<boost::asio::io_context> ctx_;
  std::unique_ptr<boost::asio::ip::tcp::acceptor> acceptor_;
  uint16_t port_ = 0;
  std::atomic<int> connections_{0};
  std::atomic<int> requests_{0};
  std::thread thread_;
};

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_STAND_IN_SERVER_H_
