#include "scan/connector.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>

namespace amtscope {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using namespace std::chrono_literals;

// A listener on 127.0.0.1 whose accept queue holds one connection and is
// never drained: after the first, the kernel drops SYNs (a filtered port).
class FullListener {
 public:
  FullListener() : acceptor_(ctx_, tcp::endpoint(tcp::v4(), 0)) {
    acceptor_.listen(0);
  }
  uint16_t port() const { return acceptor_.local_endpoint().port(); }

 private:
  asio::io_context ctx_;
  tcp::acceptor acceptor_;
};

ProbeTarget Local(uint16_t port) {
  return {asio::ip::make_address("127.0.0.1"), port, 0};
}

struct Outcome {
  std::vector<Reach> reach;
  std::chrono::steady_clock::duration took;
};

Outcome ConnectAll(const std::vector<uint16_t>& ports,
                   std::chrono::milliseconds t, int retries,
                   bool cancel_at_once = false) {
  asio::io_context ctx;
  Connector c(ctx, t, retries);
  Outcome run;
  run.reach.resize(ports.size(), Reach::kUnreachable);
  std::vector<std::unique_ptr<tcp::socket>> sockets;
  for (size_t i = 0; i < ports.size(); ++i) {
    sockets.push_back(std::make_unique<tcp::socket>(ctx));
    asio::co_spawn(
        ctx,
        [&, i]() -> asio::awaitable<void> {
          run.reach[i] = co_await c.Connect(*sockets[i], Local(ports[i]));
        },
        asio::detached);
  }
  if (cancel_at_once) asio::post(ctx, [&c] { c.CancelAll(); });
  auto start = std::chrono::steady_clock::now();
  ctx.run();
  run.took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(c.pending(), 0u);
  return run;
}

TEST(Connector, OpenAndClosedPortsAnswerAtOnce) {
  FullListener open;
  uint16_t closed;
  {
    FullListener gone;
    closed = gone.port();
  }
  Outcome r = ConnectAll({open.port(), closed}, 5000ms, 1);
  EXPECT_EQ(r.reach[0], Reach::kOpen);
  EXPECT_EQ(r.reach[1], Reach::kClosed);
  // Nothing waits for the 5 s timeout once every attempt has its answer.
  EXPECT_LT(r.took, 2s);
}

TEST(Connector, SilentPortIsFilteredAfterRetries) {
  FullListener full;
  // The first connection fills the queue; the second is never answered.
  Outcome r = ConnectAll({full.port(), full.port()}, 200ms, 1);
  EXPECT_EQ(r.reach[0], Reach::kOpen);
  EXPECT_EQ(r.reach[1], Reach::kFiltered);
  EXPECT_GE(r.took, 400ms);  // two attempts of 200 ms each
}

TEST(Connector, CancelAllEndsPendingAttempts) {
  FullListener full;
  Outcome r = ConnectAll({full.port(), full.port(), full.port()}, 30000ms, 3,
                         /*cancel_at_once=*/true);
  for (Reach x : r.reach) EXPECT_EQ(x, Reach::kCancelled);
  EXPECT_LT(r.took, 5s);
}

}  // namespace
}  // namespace amtscope
