// RouteBlocks: which /24 networks hold a route more specific than /24, so a
// SYN scan may share one source-address lookup across the other /24s.
#ifndef AMTSCOPE_SCAN_ROUTE_BLOCKS_H_
#define AMTSCOPE_SCAN_ROUTE_BLOCKS_H_

#include <cstdint>
#include <string_view>
#include <unordered_set>

namespace amtscope {

/// The /24 blocks (address >> 8, host order) split by a longer IPv4 route
/// in a /proc/net/route table; malformed lines are ignored.
class RouteBlocks {
 public:
  /// Parses the text of /proc/net/route (hex, network byte order fields).
  static RouteBlocks Parse(std::string_view proc_net_route);
  /// True when every address of `dst`'s /24 takes the same route.
  bool Whole(uint32_t dst) const { return !split_.contains(dst >> 8); }

 private:
  std::unordered_set<uint32_t> split_;
};

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_ROUTE_BLOCKS_H_
