// Connector: the cheap first step of a connect scan. One per engine thread.
#ifndef AMTSCOPE_SCAN_CONNECTOR_H_
#define AMTSCOPE_SCAN_CONNECTOR_H_

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>

#include "scan/amt_probe.h"

namespace amtscope {

/// Out of fds, ports or buffers on this machine: the target is not at
/// fault, so wait (PauseForShortage) and try again.
bool IsLocalShortage(const boost::system::error_code& ec);
/// The short wait before retrying after a local shortage.
boost::asio::awaitable<void> PauseForShortage(
    const boost::asio::any_io_executor& ex);

/// Connects sockets with retries and a timeout, holding almost nothing per
/// attempt: no timer per socket (one sweep timer walks a FIFO of deadlines,
/// which is in order because every attempt waits the same time) and no
/// probe state, which is only built once a port is open. Most connect-scan
/// targets never answer, so this is what bounds memory per in-flight probe.
/// Used only from its io_context's thread.
class Connector {
 public:
  using Clock = std::chrono::steady_clock;
  Connector(boost::asio::io_context& ctx, std::chrono::milliseconds timeout,
            int retries);
  Connector(const Connector&) = delete;
  Connector& operator=(const Connector&) = delete;

  /// Connects `socket` to `target`: kOpen (socket connected), kClosed
  /// (refused), kFiltered (no answer after the retries), kUnreachable, or
  /// kCancelled (CancelAll()). Unanswered attempts are retried; local
  /// shortages (fds, ports) wait briefly and try again.
  boost::asio::awaitable<Reach> Connect(boost::asio::ip::tcp::socket& socket,
                                        const ProbeTarget& target);
  /// Closes every pending attempt; their Connect() returns kCancelled.
  void CancelAll();
  /// Attempts waiting for an answer now.
  size_t pending() const { return size_; }

  /// One waiting attempt; lives in the Connect() frame (no allocation).
  struct Attempt {
    boost::asio::ip::tcp::socket* socket = nullptr;
    Clock::time_point until;
    Attempt* prev = nullptr;
    Attempt* next = nullptr;
    bool timed_out = false;
  };

 private:
  void Link(Attempt* a);
  void Unlink(Attempt* a);
  void Arm();
  void Disarm();
  void Sweep();

  boost::asio::steady_timer sweep_;
  std::chrono::milliseconds timeout_;
  int retries_;
  Attempt* head_ = nullptr;  // earliest deadline
  Attempt* tail_ = nullptr;
  size_t size_ = 0;
  bool armed_ = false;
  bool cancelled_ = false;
};

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_CONNECTOR_H_
