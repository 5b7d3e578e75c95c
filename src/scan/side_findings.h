// Findings from the RMCP pong (623/udp) and the redirection ports
// (16994/16995), and the `redirection` fact for an address's AMT records
// (docs/scan.md "Protocols", docs/protocol.md §2.10, §2.12).
#ifndef AMTSCOPE_SCAN_SIDE_FINDINGS_H_
#define AMTSCOPE_SCAN_SIDE_FINDINGS_H_

#include <optional>
#include <string_view>
#include <vector>

#include "advisory/advisory_db.h"
#include "model/finding.h"
#include "scan/redirection_probe.h"
#include "scan/rmcp_ping.h"

namespace amtscope {

/// The reason an unprovisioned AMT is not exploitable over the network.
inline constexpr std::string_view kUnprovisionedReason =
    "unprovisioned: the web server is not listening; provisioning it on this "
    "firmware would expose it";

/// The record of a UDP answer: AMT (version major.minor, provisioning,
/// SA-00075 by version, or not-vulnerable when unprovisioned) or not-amt
/// with the parser's reason (a BMC, a truncated pong, an echo).
Finding RmcpFinding(const RmcpReply& reply, const AdvisoryDb& db);

/// The record of a redirection port that accepted the connection; nullopt
/// for a closed or silent port (no record, like any closed port).
std::optional<Finding> RedirectionFinding(const RedirectionResult& result,
                                          const AdvisoryDb& db);

/// true when either of the address's redirection ports answered as AMT,
/// false otherwise (closed, silent or not AMT).
bool RedirectionReachable(const std::vector<RedirectionResult>& results,
                          const boost::asio::ip::address& address);

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_SIDE_FINDINGS_H_
