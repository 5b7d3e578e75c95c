// SlotGate: at most N holders at once among the coroutines of one
// io_context; the others wait in arrival order. The engine gives each
// worker one for TLS probes: a handshake costs both ends milliseconds of
// CPU, and a burst of them started at once made the last ones outlast a
// 1 s --timeout while they waited for the CPU (docs/scan.md, "How it
// works").
// A probe waiting here has not started, so no timer of its runs yet.
#ifndef AMTSCOPE_SCAN_SLOT_GATE_H_
#define AMTSCOPE_SCAN_SLOT_GATE_H_

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstddef>
#include <deque>

namespace amtscope {

class SlotGate {
 public:
  /// `slots` holders at once (at least 1), on `ctx`'s thread only.
  SlotGate(boost::asio::io_context& ctx, size_t slots);

  /// Waits for a slot; false (and no slot held) once Close() was called.
  boost::asio::awaitable<bool> Take();
  /// Gives a taken slot back, straight to the longest waiter if any.
  void Give();
  /// Wakes every waiter with false; later Take()s return false at once.
  void Close();
  /// Slots held now.
  size_t held() const { return held_; }
  /// Coroutines waiting now.
  size_t waiting() const { return waiting_.size(); }

 private:
  boost::asio::io_context& ctx_;
  size_t slots_;
  size_t held_ = 0;
  bool closed_ = false;
  std::deque<boost::asio::steady_timer*> waiting_;
};

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_SLOT_GATE_H_
