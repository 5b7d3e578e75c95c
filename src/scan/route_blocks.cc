#include "scan/route_blocks.h"

#include <arpa/inet.h>

#include <bit>
#include <charconv>
#include <vector>

#include "core/strings.h"

namespace amtscope {
namespace {

// One hex field of /proc/net/route: the __be32 printed as a native integer.
bool HexField(std::string_view text, uint32_t* host_order) {
  uint32_t raw = 0;
  auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), raw, 16);
  if (ec != std::errc() || end != text.data() + text.size()) return false;
  *host_order = ntohl(raw);
  return true;
}

// The whitespace-separated fields of one line.
std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && IsAsciiSpace(line[i])) ++i;
    size_t start = i;
    while (i < line.size() && !IsAsciiSpace(line[i])) ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

}  // namespace

RouteBlocks RouteBlocks::Parse(std::string_view proc_net_route) {
  RouteBlocks blocks;
  while (!proc_net_route.empty()) {
    size_t eol = proc_net_route.find('\n');
    std::string_view line = proc_net_route.substr(0, eol);
    proc_net_route.remove_prefix(
        eol == std::string_view::npos ? proc_net_route.size() : eol + 1);
    std::vector<std::string_view> f = Fields(line);
    uint32_t dst = 0, mask = 0;
    // Iface Destination Gateway Flags RefCnt Use Metric Mask ...
    if (f.size() < 8 || !HexField(f[1], &dst) || !HexField(f[7], &mask)) {
      continue;  // the header line, or something this parser does not know
    }
    int prefix = std::popcount(mask);
    if (prefix <= 24) continue;
    // A /25../32 lies inside one /24: that block's addresses may differ.
    blocks.split_.insert((dst & mask) >> 8);
  }
  return blocks;
}

}  // namespace amtscope
