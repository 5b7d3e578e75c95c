#include "scan/syn_discovery.h"

#include <errno.h>

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <random>

#include "scan/engine.h"

namespace amtscope {
namespace {

namespace asio = boost::asio;
constexpr auto kUse = asio::as_tuple(asio::use_awaitable);
constexpr size_t kBatch = 4096;  // SYNs built per wake-up at most
constexpr auto kIdleTick = std::chrono::milliseconds(2);

SipKey FreshKey() {
  std::random_device rd;
  auto word = [&rd] { return (static_cast<uint64_t>(rd()) << 32) | rd(); };
  return {word(), word()};
}

}  // namespace

SynDiscovery::SynDiscovery(SynSocket socket, SynDiscoverySettings settings,
                           SynDiscoveryHooks hooks)
    : socket_(std::move(socket)),
      settings_(settings),
      hooks_(std::move(hooks)),
      tracker_(settings.timeout, settings.retries),
      limiter_(settings.rate, 0, Clock::now()),
      key_(FreshKey()) {}

// Builds the SYN for `t` into the outgoing batch; targets the SYN stage
// cannot handle go straight to the probe stage.
void SynDiscovery::Queue(const ProbeTarget& t, bool first,
                         Clock::time_point now) {
  if (!t.address.is_v4()) {
    hooks_.probe(t);
    return;
  }
  uint32_t dst = t.address.to_v4().to_uint();
  uint32_t src = socket_.SourceFor(dst);
  if (src == 0) {
    hooks_.done(t, Reach::kUnreachable);
    return;
  }
  if (first && !tracker_.OnSent(t, dst, now)) {
    hooks_.probe(t);  // same ip:port twice in flight: let a socket decide
    return;
  }
  if (!first) tracker_.OnResent(t, dst, now);
  const auto& ports = socket_.source_ports();
  TcpSegmentInfo s;
  s.src_ip = src;
  s.dst_ip = dst;
  s.src_port = ports[(t.position + tracker_.syns_sent()) % ports.size()];
  s.dst_port = t.port;
  s.seq = SynCookie(key_, dst, t.port, s.src_port);
  out_.push_back({dst, BuildSyn(s)});
  out_targets_.push_back(t);
}

// Sends the batch; on a full kernel buffer keeps the rest for later.
void SynDiscovery::Flush() {
  size_t off = 0;
  send_blocked_ = false;
  while (off < out_.size()) {
    int error = 0;
    size_t n = socket_.Send(std::span(out_).subspan(off), &error);
    off += n;
    if (error == 0) continue;
    if (error == EAGAIN || error == ENOBUFS || error == EINTR) {
      send_blocked_ = true;
      break;
    }
    // This destination is refused locally (no route, firewall): resolve it
    // now; its queued waits are dropped as stale.
    const ProbeTarget& t = out_targets_[off];
    if (tracker_.Remove(t.address.to_v4().to_uint(), t.port)) {
      hooks_.done(t, Reach::kUnreachable);
    }
    ++off;
  }
  out_.erase(out_.begin(), out_.begin() + static_cast<ptrdiff_t>(off));
  out_targets_.erase(out_targets_.begin(),
                     out_targets_.begin() + static_cast<ptrdiff_t>(off));
}

void SynDiscovery::ExpireDue(Clock::time_point now) {
  std::vector<ProbeTarget> resend, filtered;
  tracker_.Expire(now, &resend, &filtered);
  for (const ProbeTarget& t : filtered) hooks_.done(t, Reach::kFiltered);
  for (const ProbeTarget& t : resend) Queue(t, false, now);
}

size_t SynDiscovery::FillFromSource(TargetSource& source,
                                    Clock::time_point now) {
  if (exhausted_ || hooks_.backlogged() || out_.size() >= kBatch) return 0;
  uint64_t n = limiter_.Take(kBatch - out_.size(), now);
  for (uint64_t i = 0; i < n; ++i) {
    ProbeTarget t;
    if (!source.Next(&t)) {
      exhausted_ = true;
      return i;
    }
    Queue(t, true, now);
  }
  return n;
}

void SynDiscovery::HandlePacket(std::span<const uint8_t> packet) {
  auto seg = ParseIpv4Tcp(packet);
  if (!seg) return;
  const auto& ports = socket_.source_ports();
  if (std::find(ports.begin(), ports.end(), seg->dst_port) == ports.end()) {
    return;
  }
  if (seg->ack - 1 !=
      SynCookie(key_, seg->src_ip, seg->src_port, seg->dst_port)) {
    return;  // not an answer to our SYN (stale, spoofed or foreign)
  }
  auto reply = tracker_.OnReply(seg->src_ip, seg->src_port, seg->flags);
  if (!reply) return;
  if (reply->answer == SynTracker::Answer::kOpen) {
    hooks_.probe(reply->target);
  } else {
    hooks_.done(reply->target, Reach::kClosed);
  }
}

asio::awaitable<void> SynDiscovery::ReceiveLoop() {
  auto handle = [this](std::span<const uint8_t> p) { HandlePacket(p); };
  while (!finished_) {
    auto [ec] = co_await rx_->async_wait(
        asio::posix::stream_descriptor::wait_read, kUse);
    if (ec || finished_) break;
    socket_.ReceiveAll(handle);
  }
  rx_->release();  // the SynSocket owns the descriptor
}

asio::awaitable<void> SynDiscovery::Run(TargetSource& source) {
  auto ex = co_await asio::this_coro::executor;
  rx_ = std::make_unique<asio::posix::stream_descriptor>(ex, socket_.fd());
  asio::co_spawn(ex, ReceiveLoop(), asio::detached);
  asio::steady_timer tick(ex);
  while (!hooks_.stopping()) {
    Clock::time_point now = Clock::now();
    ExpireDue(now);
    FillFromSource(source, now);
    if (!out_.empty()) Flush();
    if (exhausted_ && out_.empty() && tracker_.size() == 0) break;
    Clock::time_point wake = std::min(tracker_.NextExpiry(), now + kIdleTick);
    if (!exhausted_ && !send_blocked_ && !hooks_.backlogged()) {
      wake = std::min(wake, limiter_.NextAvailable(now));
    }
    tick.expires_at(wake);
    co_await tick.async_wait(kUse);
  }
  finished_ = true;
  boost::system::error_code ignored;
  rx_->cancel(ignored);
}

}  // namespace amtscope
