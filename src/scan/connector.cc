#include "scan/connector.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace amtscope {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using ErrorCode = boost::system::error_code;
constexpr auto kUse = asio::as_tuple(asio::use_awaitable);

}  // namespace

bool IsLocalShortage(const ErrorCode& ec) {
  return ec == asio::error::no_descriptors ||
         ec == asio::error::no_buffer_space || ec == asio::error::no_memory ||
         ec == boost::system::errc::address_not_available ||
         ec == boost::system::errc::too_many_files_open_in_system;
}

// A coroutine of its own so the timer is not part of every Connect() frame.
asio::awaitable<void> PauseForShortage(const asio::any_io_executor& ex) {
  asio::steady_timer t(ex, std::chrono::milliseconds(20));
  co_await t.async_wait(kUse);
}

Connector::Connector(asio::io_context& ctx, std::chrono::milliseconds timeout,
                     int retries)
    : sweep_(ctx), timeout_(timeout), retries_(retries) {}

void Connector::Link(Attempt* a) {
  a->prev = tail_;
  a->next = nullptr;
  (tail_ != nullptr ? tail_->next : head_) = a;
  tail_ = a;
  ++size_;
  if (!armed_) Arm();
}

void Connector::Unlink(Attempt* a) {
  (a->prev != nullptr ? a->prev->next : head_) = a->next;
  (a->next != nullptr ? a->next->prev : tail_) = a->prev;
  a->prev = a->next = nullptr;
  --size_;
}

// With nothing pending, a waiting sweep would keep the io_context (and so
// the scan) alive for up to one timeout.
void Connector::Disarm() {
  armed_ = false;
  sweep_.cancel();
}

void Connector::Arm() {
  if (head_ == nullptr) {
    armed_ = false;
    return;
  }
  armed_ = true;
  sweep_.expires_at(head_->until);
  sweep_.async_wait([this](const ErrorCode& ec) {
    if (!ec) Sweep();  // aborted: Disarm() or a re-arm already took over
  });
}

// Closes every attempt whose deadline passed; its async_connect then ends
// with operation_aborted and Connect() sees timed_out.
void Connector::Sweep() {
  Clock::time_point now = Clock::now();
  while (head_ != nullptr && head_->until <= now) {
    Attempt* a = head_;
    Unlink(a);
    a->timed_out = true;
    ErrorCode ignored;
    a->socket->close(ignored);
  }
  Arm();
}

void Connector::CancelAll() {
  cancelled_ = true;
  while (head_ != nullptr) {
    Attempt* a = head_;
    Unlink(a);
    ErrorCode ignored;
    a->socket->close(ignored);
  }
  Disarm();
}

asio::awaitable<Reach> Connector::Connect(tcp::socket& socket,
                                          const ProbeTarget& target) {
  tcp::endpoint ep(target.address, target.port);
  for (int attempt = 0;;) {
    if (cancelled_) co_return Reach::kCancelled;
    ErrorCode ec;
    if (socket.is_open()) socket.close(ec);
    socket.open(ep.protocol(), ec);
    if (!ec) {
      Attempt a{&socket, Clock::now() + timeout_};
      Link(&a);
      auto [cec] = co_await socket.async_connect(ep, kUse);
      if (!a.timed_out && !cancelled_) {
        Unlink(&a);
        if (head_ == nullptr) Disarm();
      }
      ec = a.timed_out ? ErrorCode(asio::error::timed_out) : cec;
    }
    if (cancelled_) co_return Reach::kCancelled;
    if (!ec) co_return Reach::kOpen;
    if (IsLocalShortage(ec)) {
      co_await PauseForShortage(socket.get_executor());
      continue;
    }
    if (ec == asio::error::timed_out) {
      if (attempt++ < retries_) continue;
      co_return Reach::kFiltered;
    }
    if (ec == asio::error::connection_refused) co_return Reach::kClosed;
    // A reset after the handshake: something listens there; the probe
    // connects again on its own.
    if (ec == asio::error::connection_reset) {
      socket.close(ec);
      co_return Reach::kOpen;
    }
    co_return Reach::kUnreachable;
  }
}

}  // namespace amtscope
