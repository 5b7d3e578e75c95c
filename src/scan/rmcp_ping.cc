#include "scan/rmcp_ping.h"

#include <fmt/format.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <functional>
#include <queue>
#include <random>
#include <unordered_map>

#include "net/rate_limiter.h"
#include "scan/rtt_estimator.h"

namespace amtscope {
namespace {

using Clock = std::chrono::steady_clock;
namespace ip = boost::asio::ip;

// Key of a target: the address (a v4 one mapped into v6 space) and the
// port, as integers: no string per lookup, and a Due copies 24 bytes.
struct PingKey {
  uint64_t hi = 0, lo = 0;
  uint32_t port = 0;
  bool operator==(const PingKey&) const = default;
};

PingKey KeyOf(const ip::address& a, uint16_t port) {
  ip::address_v6::bytes_type b =
      a.is_v4() ? ip::make_address_v6(ip::v4_mapped, a.to_v4()).to_bytes()
                : a.to_v6().to_bytes();
  PingKey k;
  std::memcpy(&k.hi, b.data(), 8);
  std::memcpy(&k.lo, b.data() + 8, 8);
  k.port = port;
  return k;
}

// splitmix64's finaliser: the low bits of addresses in one /16 differ only
// in a few bytes, which an identity hash would leave in few buckets.
uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

struct PingKeyHash {
  size_t operator()(const PingKey& k) const {
    return Mix(k.hi ^ Mix(k.lo ^ (uint64_t{k.port} << 48)));
  }
};

struct Pending {
  ProbeTarget target;
  uint8_t tag = 0;
  int sends = 0;
  Clock::time_point sent;  // the last send
};

// A send's deadline. Retries wait a round trip's RTO, the last send the
// whole timeout, so deadlines are not in send order: a min-heap.
struct Due {
  Clock::time_point at;
  PingKey key;
  bool operator>(const Due& o) const { return at > o.at; }
};
using DueHeap = std::priority_queue<Due, std::vector<Due>, std::greater<>>;

class Socket {
 public:
  ~Socket() {
    if (fd_ >= 0) close(fd_);
  }
  int Open(int family) {
    if (fd_ < 0) fd_ = socket(family, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    return fd_;
  }
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
};

sockaddr_storage ToSockaddr(const ip::address& a, uint16_t port,
                            socklen_t* len) {
  sockaddr_storage ss{};
  if (a.is_v4()) {
    auto* s = reinterpret_cast<sockaddr_in*>(&ss);
    s->sin_family = AF_INET;
    s->sin_port = htons(port);
    auto b = a.to_v4().to_bytes();
    std::memcpy(&s->sin_addr, b.data(), 4);
    *len = sizeof(sockaddr_in);
  } else {
    auto* s = reinterpret_cast<sockaddr_in6*>(&ss);
    s->sin6_family = AF_INET6;
    s->sin6_port = htons(port);
    auto b = a.to_v6().to_bytes();
    std::memcpy(&s->sin6_addr, b.data(), 16);
    *len = sizeof(sockaddr_in6);
  }
  return ss;
}

bool FromSockaddr(const sockaddr_storage& ss, ip::address* a, uint16_t* port) {
  if (ss.ss_family == AF_INET) {
    const auto* s = reinterpret_cast<const sockaddr_in*>(&ss);
    ip::address_v4::bytes_type b;
    std::memcpy(b.data(), &s->sin_addr, 4);
    *a = ip::address_v4(b);
    *port = ntohs(s->sin_port);
    return true;
  }
  if (ss.ss_family == AF_INET6) {
    const auto* s = reinterpret_cast<const sockaddr_in6*>(&ss);
    ip::address_v6::bytes_type b;
    std::memcpy(b.data(), &s->sin6_addr, 16);
    *a = ip::address_v6(b);
    *port = ntohs(s->sin6_port);
    return true;
  }
  return false;
}

// An ASF datagram carries the tag at byte 9; one with another tag is not
// the answer to our ping (a stale or forged one). Other bytes (an echo of
// something else, junk) cannot be tagged and are taken as the port's answer.
bool TagMatches(std::string_view d, uint8_t tag) {
  bool asf = d.size() >= 12 && d[0] == 0x06 && (d[3] & 0x7F) == 0x06 &&
             d.substr(4, 4) == std::string_view("\x00\x00\x11\xBE", 4);
  return !asf || static_cast<uint8_t>(d[9]) == tag;
}

// Datagrams queued for one sendmmsg: a system call per kBatch pings, not
// one each (docs/scan-performance.md, Part 5).
class SendQueue {
 public:
  static constexpr size_t kBatch = 64;
  /// Queues `ping` to `to` on `fd`; sends what is queued first when `fd`
  /// differs or the queue is full.
  void Add(int fd, const sockaddr_storage& to, socklen_t len,
           const std::array<uint8_t, kRmcpPingSize>& ping) {
    if (n_ == kBatch || (n_ > 0 && fd != fd_)) Flush();
    fd_ = fd;
    to_[n_] = to;
    data_[n_] = ping;
    iov_[n_] = {data_[n_].data(), data_[n_].size()};
    msgs_[n_] = {};
    msgs_[n_].msg_hdr.msg_name = &to_[n_];
    msgs_[n_].msg_hdr.msg_namelen = len;
    msgs_[n_].msg_hdr.msg_iov = &iov_[n_];
    msgs_[n_].msg_hdr.msg_iovlen = 1;
    ++n_;
  }
  /// Sends everything queued. A datagram the kernel refuses is skipped:
  /// a loss, which the retry covers.
  void Flush() {
    for (size_t at = 0; at < n_;) {
      int r = sendmmsg(fd_, &msgs_[at], static_cast<unsigned>(n_ - at), 0);
      at += r > 0 ? static_cast<size_t>(r) : 1;
    }
    n_ = 0;
  }

 private:
  int fd_ = -1;
  size_t n_ = 0;
  std::array<mmsghdr, kBatch> msgs_{};
  std::array<iovec, kBatch> iov_{};
  std::array<sockaddr_storage, kBatch> to_{};
  std::array<std::array<uint8_t, kRmcpPingSize>, kBatch> data_{};
};

constexpr int kSendsPerRound = 512;

struct PingRun {
  const RmcpPingSettings& s;
  uint64_t tag_key;
  std::atomic<uint64_t>& sent;
  const std::function<void(const RmcpReply&)>& on_reply;
  Socket v4, v6;
  std::unordered_map<PingKey, Pending, PingKeyHash> pending;
  DueHeap due;
  SendQueue out;
  // Retries wait this, not the timeout: a silent address then costs the
  // timeout once, as a SYN does (each send waiting it made a default-port
  // scan at --syn-timeout 3s end about 3 s later than its TCP part).
  RttEstimator rtt{s.timeout};
  RateLimiter limiter{s.rate, 0, Clock::now()};
  bool exhausted = false;

  // Keyed by a per-run secret: a third party cannot predict the tags.
  uint8_t TagFor(const PingKey& key) const {
    return static_cast<uint8_t>(Mix(PingKeyHash{}(key) ^ tag_key));
  }

  bool Send(Pending& p, const PingKey& key, Clock::time_point now) {
    Socket& sock = p.target.address.is_v4() ? v4 : v6;
    int fd = sock.Open(p.target.address.is_v4() ? AF_INET : AF_INET6);
    if (fd < 0) return false;
    socklen_t len = 0;
    sockaddr_storage to = ToSockaddr(p.target.address, p.target.port, &len);
    out.Add(fd, to, len, BuildRmcpPing(p.tag));
    ++p.sends;
    sent.fetch_add(1, std::memory_order_relaxed);
    p.sent = now;
    due.push(
        {now + (p.sends <= s.retries ? rtt.RetryTimeout() : s.timeout), key});
    return true;
  }

  // Retries whose wait is over; false when the tokens ran out.
  bool SendDue(Clock::time_point now) {
    while (!due.empty() && due.top().at <= now) {
      PingKey key = due.top().key;
      auto it = pending.find(key);
      bool retry = it != pending.end() && it->second.sends <= s.retries;
      if (retry && limiter.Take(1, now) == 0) return false;
      due.pop();
      if (retry) {
        Send(it->second, key, now);
      } else if (it != pending.end()) {
        pending.erase(it);  // no answer: open|filtered, not reported
      }
    }
    return true;
  }

  // Retries, then new targets, as tokens allow; then one flush.
  void SendSome(TargetSource& source) {
    Clock::time_point now = Clock::now();
    bool tokens = SendDue(now);
    // Bounded, so pongs are read between rounds, not after 65,536 sends
    // have overflowed the socket's receive buffer.
    for (int round = 0;
         tokens && !exhausted && round < kSendsPerRound &&
         pending.size() < s.max_pending && limiter.Take(1, now) == 1;
         ++round) {
      ProbeTarget t;
      if (!source.Next(&t)) {
        exhausted = true;
        break;
      }
      PingKey key = KeyOf(t.address, t.port);
      Pending& p = pending[key];
      p.target = t;
      p.tag = TagFor(key);
      if (!Send(p, key, now)) pending.erase(key);
    }
    out.Flush();
  }

  void Receive(int fd) {
    char buf[1500];
    for (;;) {
      sockaddr_storage from{};
      socklen_t len = sizeof from;
      ssize_t n = recvfrom(fd, buf, sizeof buf, 0,
                           reinterpret_cast<sockaddr*>(&from), &len);
      if (n < 0) return;  // EAGAIN, or an ICMP error: nothing to match
      ip::address a;
      uint16_t port = 0;
      if (!FromSockaddr(from, &a, &port)) continue;
      auto it = pending.find(KeyOf(a, port));
      std::string_view d(buf, static_cast<size_t>(n));
      if (it == pending.end() || !TagMatches(d, it->second.tag)) continue;
      if (it->second.sends == 1) {  // Karn: a retry's answer is ambiguous
        rtt.Sample(std::chrono::duration<double, std::milli>(Clock::now() -
                                                             it->second.sent)
                       .count());
      }
      RmcpReply r{it->second.target, ParseRmcpPong(d), static_cast<size_t>(n),
                  std::chrono::system_clock::now()};
      pending.erase(it);
      on_reply(r);
    }
  }

  int WaitMs() const {
    Clock::time_point next = Clock::now() + std::chrono::milliseconds(50);
    if (!due.empty()) next = std::min(next, due.top().at);
    if (!exhausted) next = std::min(next, limiter.NextAvailable(Clock::now()));
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  next - Clock::now())
                  .count();
    return static_cast<int>(std::clamp<int64_t>(ms, 0, 50));
  }
};

}  // namespace

RmcpPinger::RmcpPinger(RmcpPingSettings settings)
    : settings_(settings), tag_key_(std::random_device{}()) {}

Status RmcpPinger::Run(TargetSource& source,
                       const std::function<void(const RmcpReply&)>& on_reply,
                       const std::function<bool()>& stopping) {
  PingRun state{settings_, tag_key_, sent_, on_reply};
  while (!stopping()) {
    state.SendSome(source);
    if (state.exhausted && state.pending.empty()) return Status::Ok();
    if (state.v4.fd() < 0 && state.v6.fd() < 0 && !state.pending.empty()) {
      return Status::IoError(
          fmt::format("cannot open a UDP socket: {}", std::strerror(errno)),
          "the RMCP ping needs UDP; scan TCP only with -p T:...");
    }
    pollfd fds[2] = {{state.v4.fd(), POLLIN, 0}, {state.v6.fd(), POLLIN, 0}};
    poll(fds, 2, state.WaitMs());
    if (fds[0].revents != 0) state.Receive(state.v4.fd());
    if (fds[1].revents != 0) state.Receive(state.v6.fd());
  }
  return Status::Ok();
}

}  // namespace amtscope
