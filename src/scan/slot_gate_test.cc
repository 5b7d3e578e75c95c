#include "scan/slot_gate.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <vector>

namespace amtscope {
namespace {

namespace asio = boost::asio;

// A holder: takes a slot, keeps it for `hold`, gives it back; records the
// order slots were granted and the most ever held at once.
struct Record {
  std::vector<int> granted;
  std::vector<int> refused;
  size_t most = 0;
};

asio::awaitable<void> Holder(SlotGate& gate, int id, Record& run,
                             std::chrono::milliseconds hold) {
  if (!co_await gate.Take()) {
    run.refused.push_back(id);
    co_return;
  }
  run.granted.push_back(id);
  run.most = std::max(run.most, gate.held());
  asio::steady_timer t(co_await asio::this_coro::executor, hold);
  co_await t.async_wait(asio::use_awaitable);
  gate.Give();
}

// Starts holders `first` .. `first + count - 1`, each keeping its slot `ms`.
void Spawn(asio::io_context& ctx, SlotGate& gate, Record& run, int first,
           int count, int ms) {
  for (int i = first; i < first + count; ++i)
    asio::co_spawn(ctx, Holder(gate, i, run, std::chrono::milliseconds(ms)),
                   asio::detached);
}

TEST(SlotGateTest, AtMostNHoldersGrantedInArrivalOrder) {
  asio::io_context ctx;
  SlotGate gate(ctx, 2);
  Record run;
  Spawn(ctx, gate, run, 0, 6, 5);
  ctx.run();
  EXPECT_EQ(run.granted, (std::vector<int>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(run.most, 2u);
  EXPECT_EQ(gate.held(), 0u);
  EXPECT_EQ(gate.waiting(), 0u);
}

TEST(SlotGateTest, CloseWakesWaitersWithFalseAndRefusesLaterTakes) {
  asio::io_context ctx;
  SlotGate gate(ctx, 1);
  Record run;
  // 0 holds for a long time; 1 and 2 wait; the close frees them at once.
  Spawn(ctx, gate, run, 0, 1, 200);
  Spawn(ctx, gate, run, 1, 2, 1);
  asio::steady_timer closer(ctx, std::chrono::milliseconds(10));
  closer.async_wait([&](const boost::system::error_code&) {
    EXPECT_EQ(gate.waiting(), 2u);
    gate.Close();
    Spawn(ctx, gate, run, 3, 1, 1);
  });
  ctx.run();
  EXPECT_EQ(run.granted, (std::vector<int>{0}));
  std::sort(run.refused.begin(), run.refused.end());  // 3 may come first
  EXPECT_EQ(run.refused, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(gate.held(), 0u);
}

TEST(SlotGateTest, ZeroSlotsMeansOne) {
  asio::io_context ctx;
  SlotGate gate(ctx, 0);
  Record run;
  Spawn(ctx, gate, run, 0, 3, 1);
  ctx.run();
  EXPECT_EQ(run.granted.size(), 3u);
  EXPECT_EQ(run.most, 1u);
}

}  // namespace
}  // namespace amtscope
