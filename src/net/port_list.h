// Port lists (`-p 16992,16993,600-700`) and what amtscope knows about AMT
// ports.
//
// Usage (scan command):
//   AMTSCOPE_ASSIGN_OR_RETURN(std::vector<uint16_t> ports,
//   ParsePortList(text)); bool tls_first = IsAmtTlsPort(port);          // try
//   TLS before plain HTTP std::string_view name = ServiceName(port, tls);  //
//   nmap-services name
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

/// True for the AMT web-server ports: 16992, 16993 and the alternatives 623,
/// 664 (docs/protocol.md §2.10).
bool IsAmtPort(uint16_t port);
/// True for the AMT ports that speak TLS when provisioned: 16993 and 664
/// (docs/protocol.md §2.9).
bool IsAmtTlsPort(uint16_t port);

/// The service name nmap uses for an open port: for AMT web ports
/// "amt-soap-https" when `tls`, else "amt-soap-http"; otherwise the
/// nmap-services name for well-known AMT ports ("amt-redir-tcp", ...), then
/// "https"/"http" by `tls` (docs/conventions.md §2a, nmap-services table).
std::string_view ServiceName(uint16_t port, bool tls);

}  // namespace amtscope

#endif  // AMTSCOPE_NET_PORT_LIST_H_
