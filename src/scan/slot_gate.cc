#include "scan/slot_gate.h"

#include <algorithm>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace amtscope {

namespace asio = boost::asio;

SlotGate::SlotGate(asio::io_context& ctx, size_t slots)
    : ctx_(ctx), slots_(std::max<size_t>(1, slots)) {}

asio::awaitable<bool> SlotGate::Take() {
  if (closed_) co_return false;
  if (held_ < slots_ && waiting_.empty()) {
    ++held_;
    co_return true;
  }
  asio::steady_timer timer(ctx_, asio::steady_timer::time_point::max());
  waiting_.push_back(&timer);
  boost::system::error_code ec;
  co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  // Woken by Give(), which handed its slot over, or by Close().
  co_return !closed_;
}

void SlotGate::Give() {
  if (!closed_ && !waiting_.empty()) {
    waiting_.front()->cancel();  // the slot passes on: held_ stays
    waiting_.pop_front();
    return;
  }
  if (held_ > 0) --held_;
}

void SlotGate::Close() {
  closed_ = true;
  for (asio::steady_timer* t : waiting_) t->cancel();
  waiting_.clear();
}

}  // namespace amtscope
