// Port lists (`-p 16992,16993,600-700`). What the ports mean to AMT is in
// amt/web.h.
#ifndef AMTSCOPE_NET_PORT_LIST_H_
#define AMTSCOPE_NET_PORT_LIST_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace amtscope {

/// The ports scanned when -p is not given: AMT's own ports (docs/scan.md):
/// TCP 16992, 16993, 623, 664 (the web server; nmap's script uses the same
/// four) and UDP 623 (the RMCP presence ping).
inline constexpr std::string_view kDefaultPorts = "T:623,664,16992,16993,U:623";

/// TCP and UDP ports, each sorted and deduplicated.
struct PortSpec {
  std::vector<uint16_t> tcp;
  std::vector<uint16_t> udp;
};

/// Parses nmap's protocol syntax: "T:16992,16993,U:623"; a "T:" or "U:"
/// prefix applies to the items after it until the next prefix; items before
/// any prefix are TCP ("16992,16993" is TCP only). InvalidArgument naming the
/// bad item; a list must name at least one port.
Result<PortSpec> ParsePortSpec(std::string_view text);

/// The inverse: "623,664,16992-16993" when there are no UDP ports, else
/// "T:623,664,16992-16993,U:623" (or "U:623" alone).
std::string FormatPortSpec(const PortSpec& spec);

/// Parses "16992,16993", "600-700", "-" (all ports), "623,664,16992-16993";
/// spaces are ignored. Returns the ports sorted and deduplicated;
/// InvalidArgument naming the bad item (0, >65535, reversed range, junk).
Result<std::vector<uint16_t>> ParsePortList(std::string_view text);

/// The compact form nmap writes in <scaninfo services=...>:
/// "623,664,16992-16993". REQUIRES: `ports` sorted ascending without
/// duplicates.
std::string FormatPortList(const std::vector<uint16_t>& ports);

}  // namespace amtscope

#endif  // AMTSCOPE_NET_PORT_LIST_H_
