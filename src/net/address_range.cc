#include "net/address_range.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/asio/ip/address_v6.hpp>

namespace amtscope {

void MergeRanges(std::vector<AddressRange>& ranges) {
  std::sort(ranges.begin(), ranges.end());
  size_t out = 0;
  for (size_t i = 0; i < ranges.size(); ++i) {
    const AddressRange& r = ranges[i];
    if (out > 0) {
      AddressRange& prev = ranges[out - 1];
      // Adjacent when prev.last + 1 == r.first (no overflow: last < first <=
      // max).
      if (prev.v6 == r.v6 &&
          (r.first <= prev.last || r.first - 1 == prev.last)) {
        prev.last = std::max(prev.last, r.last);
        continue;
      }
    }
    ranges[out++] = r;
  }
  ranges.resize(out);
}

std::vector<AddressRange> SubtractRanges(
    const std::vector<AddressRange>& include,
    const std::vector<AddressRange>& exclude) {
  std::vector<AddressRange> out;
  size_t e = 0;
  for (AddressRange r : include) {
    // Skip excludes wholly before r.
    while (
        e < exclude.size() &&
        (exclude[e].v6 != r.v6 ? !exclude[e].v6 : exclude[e].last < r.first)) {
      ++e;
    }
    bool alive = true;
    for (size_t k = e; k < exclude.size() && exclude[k].v6 == r.v6 &&
                       exclude[k].first <= r.last;
         ++k) {
      const AddressRange& x = exclude[k];
      if (x.first > r.first) out.push_back({r.v6, r.first, x.first - 1});
      if (x.last >= r.last) {
        alive = false;
        break;
      }
      r.first = std::max(r.first, x.last + 1);
    }
    if (alive) out.push_back(r);
  }
  return out;
}

std::string FormatAddress(bool v6, Uint128 value) {
  if (!v6) {
    auto v = static_cast<uint32_t>(value);
    return fmt::format("{}.{}.{}.{}", v >> 24, (v >> 16) & 255, (v >> 8) & 255,
                       v & 255);
  }
  boost::asio::ip::address_v6::bytes_type bytes;
  for (int i = 15; i >= 0; --i) {
    bytes[i] = static_cast<uint8_t>(value);
    value >>= 8;
  }
  return boost::asio::ip::address_v6(bytes).to_string();
}

}  // namespace amtscope
