// SynSocket: the raw IPv4 socket SYN discovery sends and listens on.
#ifndef AMTSCOPE_SCAN_SYN_SOCKET_H_
#define AMTSCOPE_SCAN_SYN_SOCKET_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "net/tcp_segment.h"
#include "scan/route_blocks.h"

namespace amtscope {

/// One SYN to send: its header bytes and IPv4 destination (host order).
struct OutgoingSyn {
  uint32_t dst_ip = 0;
  SynBytes bytes{};
};

/// A raw IPPROTO_TCP socket (needs CAP_NET_RAW) plus a few TCP ports bound,
/// never listened on, and used as the SYNs' source ports: binding keeps the
/// kernel from handing them to our own connect() calls, and with no
/// listener it answers the SYN-ACKs with RST, which frees the target's
/// half-open slot (docs/scan-performance.md §1.8 point 5).
class SynSocket {
 public:
  /// Opens the socket and reserves `source_ports` ports. PermissionDenied
  /// (with a hint) without CAP_NET_RAW.
  static Result<SynSocket> Open(size_t source_ports = 8);
  SynSocket(SynSocket&& other) noexcept;
  SynSocket& operator=(SynSocket&& other) noexcept;
  ~SynSocket();

  /// The raw socket (non-blocking); readable when replies wait.
  int fd() const { return fd_; }
  /// The reserved source ports.
  const std::vector<uint16_t>& source_ports() const { return ports_; }
  /// Sends `syns` in one sendmmsg. Returns how many left; a count short of
  /// the whole means the next one failed (`error` gets its errno; EAGAIN or
  /// ENOBUFS: retry later; others: that destination cannot be reached).
  size_t Send(std::span<const OutgoingSyn> syns, int* error);
  /// Hands every waiting packet (IP and TCP headers first, possibly cut
  /// after them) to `packet`, a batch per system call; returns the count.
  size_t ReceiveAll(
      const std::function<void(std::span<const uint8_t>)>& packet);
  /// The IPv4 source address the kernel picks toward `dst` (host order);
  /// 0 when there is no route. Cached per /24 unless a longer route splits
  /// it (then per address): a UDP connect per new entry.
  uint32_t SourceFor(uint32_t dst);

 private:
  SynSocket() = default;
  void CloseAll();
  void AttachPortFilter();

  int fd_ = -1;
  int route_fd_ = -1;          // UDP socket used only for route lookups
  std::vector<int> port_fds_;  // hold the reserved ports
  std::vector<uint16_t> ports_;
  std::unordered_map<uint64_t, uint32_t> source_cache_;
  RouteBlocks routes_;
};

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_SYN_SOCKET_H_
