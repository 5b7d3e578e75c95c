#include "scan/syn_socket.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <linux/filter.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <utility>

#include "core/bounded_file.h"

namespace amtscope {
namespace {

constexpr size_t kMaxBatch = 256;
constexpr size_t kSourceCacheLimit = 1 << 16;
constexpr int kReceiveBuffer = 32 << 20;  // bursts of RSTs (§2.7 point 1)
// Replies are read only up to their TCP header (IP options included).
constexpr size_t kHeaderBytes = 128;
constexpr size_t kReceiveBatch = 64;

sockaddr_in Ipv4(uint32_t ip, uint16_t port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(ip);
  a.sin_port = htons(port);
  return a;
}

// Binds a TCP socket to a kernel-chosen port and returns it (or -1).
int ReservePort(uint16_t* port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in any = Ipv4(INADDR_ANY, 0);
  socklen_t len = sizeof(any);
  if (bind(fd, reinterpret_cast<sockaddr*>(&any), sizeof(any)) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&any), &len) != 0) {
    close(fd);
    return -1;
  }
  *port = ntohs(any.sin_port);
  return fd;
}

}  // namespace

Result<SynSocket> SynSocket::Open(size_t source_ports) {
  SynSocket s;
  s.fd_ = socket(AF_INET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP);
  if (s.fd_ < 0) {
    int e = errno;
    if (e == EPERM || e == EACCES) {
      return Status::PermissionDenied(
          "SYN discovery needs a raw socket (CAP_NET_RAW)",
          "run as root, or use --scan-type connect");
    }
    return Status::IoError(fmt::format("raw socket: {}", strerror(e)),
                           "use --scan-type connect");
  }
  // Root may exceed rmem_max; others get what the sysctl allows.
  if (setsockopt(s.fd_, SOL_SOCKET, SO_RCVBUFFORCE, &kReceiveBuffer,
                 sizeof(kReceiveBuffer)) != 0) {
    setsockopt(s.fd_, SOL_SOCKET, SO_RCVBUF, &kReceiveBuffer,
               sizeof(kReceiveBuffer));
  }
  s.route_fd_ = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  for (size_t i = 0; i < source_ports; ++i) {
    uint16_t port = 0;
    int fd = ReservePort(&port);
    if (fd < 0) break;
    s.port_fds_.push_back(fd);
    s.ports_.push_back(port);
  }
  if (s.route_fd_ < 0 || s.ports_.empty()) {
    return Status::IoError("cannot reserve source ports for SYN discovery",
                           "free some file descriptors or local ports");
  }
  s.AttachPortFilter();
  if (auto table =
          ReadBoundedFile("/proc/net/route", size_t{1} << 20, "route table");
      table.ok()) {
    s.routes_ = RouteBlocks::Parse(*table);
  }
  return s;
}

SynSocket::SynSocket(SynSocket&& other) noexcept { *this = std::move(other); }

SynSocket& SynSocket::operator=(SynSocket&& other) noexcept {
  if (this != &other) {
    CloseAll();
    fd_ = std::exchange(other.fd_, -1);
    route_fd_ = std::exchange(other.route_fd_, -1);
    port_fds_ = std::move(other.port_fds_);
    ports_ = std::move(other.ports_);
    source_cache_ = std::move(other.source_cache_);
    other.port_fds_.clear();
  }
  return *this;
}

SynSocket::~SynSocket() { CloseAll(); }

void SynSocket::CloseAll() {
  if (fd_ >= 0) close(fd_);
  if (route_fd_ >= 0) close(route_fd_);
  for (int fd : port_fds_) close(fd);
  fd_ = route_fd_ = -1;
  port_fds_.clear();
}

size_t SynSocket::Send(std::span<const OutgoingSyn> syns, int* error) {
  *error = 0;
  size_t n = std::min(syns.size(), kMaxBatch);
  mmsghdr msgs[kMaxBatch];
  iovec iov[kMaxBatch];
  sockaddr_in to[kMaxBatch];
  for (size_t i = 0; i < n; ++i) {
    to[i] = Ipv4(syns[i].dst_ip, 0);
    iov[i] = {const_cast<uint8_t*>(syns[i].bytes.data()), syns[i].bytes.size()};
    msgs[i] = {};
    msgs[i].msg_hdr.msg_name = &to[i];
    msgs[i].msg_hdr.msg_namelen = sizeof(to[i]);
    msgs[i].msg_hdr.msg_iov = &iov[i];
    msgs[i].msg_hdr.msg_iovlen = 1;
  }
  int sent = sendmmsg(fd_, msgs, static_cast<unsigned>(n), 0);
  if (sent < 0) {
    *error = errno;
    return 0;
  }
  if (static_cast<size_t>(sent) < n) {
    // sendmmsg stops at a failure without saying which: ask once more for
    // the first unsent one alone, which reports its errno.
    int again = sendmmsg(fd_, &msgs[sent], 1, 0);
    if (again == 1) return static_cast<size_t>(sent) + 1;
    *error = errno;
  }
  return static_cast<size_t>(sent);
}

// A raw TCP socket gets a copy of every TCP packet the host receives, the
// probe stage's connections included; this classic BPF program keeps only
// those to our source ports, cut after the headers, so the kernel neither
// queues nor copies the rest (docs/scan-performance.md Part 3).
void SynSocket::AttachPortFilter() {
  std::vector<sock_filter> prog;
  prog.push_back(BPF_STMT(BPF_LDX | BPF_B | BPF_MSH, 0));  // X = IP hdr len
  prog.push_back(BPF_STMT(BPF_LD | BPF_H | BPF_IND, 2));   // TCP dst port
  for (size_t i = 0; i < ports_.size(); ++i) {
    // on a match jump to the accept, which follows the port tests and "drop"
    auto to_accept = static_cast<uint8_t>(ports_.size() - i);
    prog.push_back(
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ports_[i], to_accept, 0));
  }
  prog.push_back(BPF_STMT(BPF_RET | BPF_K, 0));
  prog.push_back(BPF_STMT(BPF_RET | BPF_K, kHeaderBytes));
  sock_fprog fprog{static_cast<unsigned short>(prog.size()), prog.data()};
  // Without the filter (old kernels, seccomp) the scan is only slower.
  setsockopt(fd_, SOL_SOCKET, SO_ATTACH_FILTER, &fprog, sizeof(fprog));
}

size_t SynSocket::ReceiveAll(
    const std::function<void(std::span<const uint8_t>)>& packet) {
  std::array<std::array<uint8_t, kHeaderBytes>, kReceiveBatch> bufs;
  std::array<iovec, kReceiveBatch> iov;
  std::array<mmsghdr, kReceiveBatch> msgs;
  size_t total = 0;
  for (;;) {
    for (size_t i = 0; i < kReceiveBatch; ++i) {
      iov[i] = {bufs[i].data(), bufs[i].size()};
      msgs[i] = {};
      msgs[i].msg_hdr.msg_iov = &iov[i];
      msgs[i].msg_hdr.msg_iovlen = 1;
    }
    int n = recvmmsg(fd_, msgs.data(), kReceiveBatch, MSG_DONTWAIT, nullptr);
    if (n <= 0) return total;
    for (int i = 0; i < n; ++i) {
      packet(std::span(bufs[i].data(),
                       std::min<size_t>(msgs[i].msg_len, kHeaderBytes)));
    }
    total += static_cast<size_t>(n);
    if (static_cast<size_t>(n) < kReceiveBatch) return total;
  }
}

uint32_t SynSocket::SourceFor(uint32_t dst) {
  // A whole /24 shares its route, so one lookup serves it (issue 19: 65,536
  // route lookups were 4 % of a /16 scan); a split one is looked up per
  // address. Policy routing by source or mark is not seen (docs/scan.md).
  uint64_t key = routes_.Whole(dst) ? dst >> 8 : (uint64_t{1} << 32) | dst;
  if (auto it = source_cache_.find(key); it != source_cache_.end()) {
    return it->second;
  }
  sockaddr_in to = Ipv4(dst, 9);
  sockaddr_in local{};
  socklen_t len = sizeof(local);
  uint32_t src = 0;
  // connect() on a UDP socket only looks the route up; nothing is sent.
  if (connect(route_fd_, reinterpret_cast<sockaddr*>(&to), sizeof(to)) == 0 &&
      getsockname(route_fd_, reinterpret_cast<sockaddr*>(&local), &len) == 0) {
    src = ntohl(local.sin_addr.s_addr);
  }
  if (source_cache_.size() >= kSourceCacheLimit) source_cache_.clear();
  source_cache_.emplace(key, src);
  return src;
}

}  // namespace amtscope
