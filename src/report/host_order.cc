#include "report/host_order.h"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <string>
#include <utility>

namespace amtscope {

namespace {

std::pair<int, std::string> AddressKey(const std::string& ip) {
  boost::system::error_code ec;
  auto addr = boost::asio::ip::make_address(ip, ec);
  if (ec) return {2, ip};
  if (addr.is_v4()) {
    auto b = addr.to_v4().to_bytes();
    return {0, std::string(b.begin(), b.end())};
  }
  auto b = addr.to_v6().to_bytes();
  return {1, std::string(b.begin(), b.end())};
}

}  // namespace

void SortByHost(std::vector<Finding>* findings) {
  std::stable_sort(findings->begin(), findings->end(),
                   [](const Finding& a, const Finding& b) {
                     auto ka = AddressKey(a.ip), kb = AddressKey(b.ip);
                     return ka != kb ? ka < kb : a.port < b.port;
                   });
}

std::vector<std::pair<size_t, size_t>> HostRanges(
    const std::vector<Finding>& findings) {
  std::vector<std::pair<size_t, size_t>> ranges;
  for (size_t i = 0; i < findings.size();) {
    size_t j = i;
    while (j < findings.size() && findings[j].ip == findings[i].ip) ++j;
    ranges.emplace_back(i, j);
    i = j;
  }
  return ranges;
}

uint64_t AddressesScanned(const ScanInfo& info, const RunStats& stats,
                          uint64_t up) {
  // Every address is probed on every port, so probes / ports is the number
  // of addresses' worth scanned (exact for a complete, unsharded scan).
  uint64_t ports = std::max<uint64_t>(1, info.ports.size());
  uint64_t n = (stats.targets_done + ports - 1) / ports;
  if (info.target_count > 0) n = std::min(n, info.target_count);
  return std::max(n, up);
}

}  // namespace amtscope
