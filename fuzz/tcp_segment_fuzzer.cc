// libFuzzer target: whatever arrives on the raw socket (any bytes, any
// length) parses without reading past the packet, and a parsed reply fed
// to the SYN tracker never crashes it or credits a target twice.
#include <cstddef>
#include <cstdint>
#include <span>

#include "net/tcp_segment.h"
#include "scan/syn_tracker.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto seg = amtscope::ParseIpv4Tcp(std::span(data, size));
  if (!seg) return 0;
  amtscope::SynTracker tracker(std::chrono::milliseconds(100), 1);
  amtscope::ProbeTarget t;
  t.address = boost::asio::ip::address_v4(seg->src_ip);
  t.port = seg->src_port;
  (void)tracker.OnSent(t, seg->src_ip, {});
  auto first = tracker.OnReply(seg->src_ip, seg->src_port, seg->flags);
  auto second = tracker.OnReply(seg->src_ip, seg->src_port, seg->flags);
  if (first && second) __builtin_trap();  // one reply per SYN
  return 0;
}
