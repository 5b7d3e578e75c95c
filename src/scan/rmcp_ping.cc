#include "scan/rmcp_ping.h"

#include <fmt/format.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
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

// Key of a target: the address bytes and the port.
std::string KeyOf(const ip::address& a, uint16_t port) {
  std::string k;
  if (a.is_v4()) {
    auto b = a.to_v4().to_bytes();
    k.assign(b.begin(), b.end());
  } else {
    auto b = a.to_v6().to_bytes();
    k.assign(b.begin(), b.end());
  }
  k.push_back(static_cast<char>(port >> 8));
  k.push_back(static_cast<char>(port & 0xFF));
  return k;
}

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
  std::string key;
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

struct PingRun {
  const RmcpPingSettings& s;
  uint64_t tag_key;
  std::atomic<uint64_t>& sent;
  const std::function<void(const RmcpReply&)>& on_reply;
  Socket v4, v6;
  std::unordered_map<std::string, Pending> pending;
  DueHeap due;
  // Retries wait this, not the timeout: a silent address then costs the
  // timeout once, as a SYN does (each send waiting it made a default-port
  // scan at --syn-timeout 3s end about 3 s later than its TCP part).
  RttEstimator rtt{s.timeout};
  RateLimiter limiter{s.rate, 0, Clock::now()};
  bool exhausted = false;

  uint8_t TagFor(const std::string& key) const {
    return static_cast<uint8_t>(std::hash<std::string>{}(key) ^ tag_key);
  }

  bool Send(Pending& p, const std::string& key) {
    Socket& sock = p.target.address.is_v4() ? v4 : v6;
    int fd = sock.Open(p.target.address.is_v4() ? AF_INET : AF_INET6);
    if (fd < 0) return false;
    socklen_t len = 0;
    sockaddr_storage to = ToSockaddr(p.target.address, p.target.port, &len);
    auto ping = BuildRmcpPing(p.tag);
    sendto(fd, ping.data(), ping.size(), 0, reinterpret_cast<sockaddr*>(&to),
           len);  // a loss is a retry
    ++p.sends;
    sent.fetch_add(1, std::memory_order_relaxed);
    p.sent = Clock::now();
    due.push({p.sent + (p.sends <= s.retries ? rtt.RetryTimeout() : s.timeout),
              key});
    return true;
  }

  // Retries whose wait is over, then new targets, as tokens allow.
  void SendSome(TargetSource& source) {
    Clock::time_point now = Clock::now();
    while (!due.empty() && due.top().at <= now) {
      auto it = pending.find(due.top().key);
      if (it == pending.end()) {
        due.pop();
        continue;
      }
      if (it->second.sends > s.retries) {
        pending.erase(it);  // no answer: open|filtered, not reported
        due.pop();
        continue;
      }
      if (limiter.Take(1, now) == 0) return;
      std::string key = due.top().key;
      due.pop();
      Send(pending[key], key);
    }
    while (!exhausted && pending.size() < s.max_pending &&
           limiter.Take(1, now) == 1) {
      ProbeTarget t;
      if (!source.Next(&t)) {
        exhausted = true;
        break;
      }
      std::string key = KeyOf(t.address, t.port);
      Pending& p = pending[key];
      p.target = t;
      p.tag = TagFor(key);
      if (!Send(p, key)) pending.erase(key);
    }
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
