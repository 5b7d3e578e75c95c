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

/// The ports scanned when -p is not given: the AMT web server, HTTP and TLS.
inline constexpr std::string_view kDefaultPorts = "16992,16993";

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
