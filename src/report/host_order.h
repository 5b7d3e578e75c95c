// What the per-host formats (nmap XML, greppable) share: findings grouped by
// address in nmap's order, and how many addresses a run covered.
#ifndef AMTSCOPE_REPORT_HOST_ORDER_H_
#define AMTSCOPE_REPORT_HOST_ORDER_H_

#include <cstdint>
#include <vector>

#include "report/output_writer.h"

namespace amtscope {

/// Sorts by address (IPv4 before IPv6, numerically; unparsable text last),
/// then port, so each host's ports are adjacent.
void SortByHost(std::vector<Finding>* findings);

/// Half-open [begin, end) index ranges of the hosts in sorted `findings`.
std::vector<std::pair<size_t, size_t>> HostRanges(
    const std::vector<Finding>& findings);

/// Addresses the run covered (nmap's "N IP addresses"): probes done over
/// ports per address, at most the addresses in scope, at least `up`.
uint64_t AddressesScanned(const ScanInfo& info, const RunStats& stats,
                          uint64_t up);

}  // namespace amtscope

#endif  // AMTSCOPE_REPORT_HOST_ORDER_H_
