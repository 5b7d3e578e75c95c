// Parsing of single target entries (nmap/masscan syntax) into address ranges.
//
// TargetSpace::Build uses this; it is public so fuzzers and --dry-run style
// tools can parse without building a space.
#ifndef AMTSCOPE_NET_TARGET_PARSE_H_
#define AMTSCOPE_NET_TARGET_PARSE_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "net/address_range.h"
#include "net/target_space.h"

namespace amtscope {

/// Largest IPv6 block one entry may name (a /112): AMT is IPv4-first and
/// larger IPv6 prefixes cannot be swept anyway.
inline constexpr int kMinIpv6Prefix = 112;

/// Parses one entry: an IPv4 or IPv6 address, a CIDR block (IPv6 only /112
/// or longer), a range "a.b.c.d-e.f.g.h" or "a.b.c.d-h", an nmap octet range
/// ("198.18.0-3.1-254", "198.18.*.1", "198.18.1,3.5"), a host name (resolved
/// with `resolver`, every address it has), or "name/prefix" (IPv4).
/// InvalidArgument naming the entry and what is wrong, with a hint.
Result<std::vector<AddressRange>> ParseTargetEntry(std::string_view entry,
                                                   Resolver& resolver);

/// Splits a user-typed list on commas and white space, keeping nmap octet
/// lists together: "198.18.0.1,198.18.0.9" is two entries, while
/// "198.18.1,3.5" (octets 1 and 3 in the third place) stays one.
std::vector<std::string> SplitTargetList(std::string_view text);

}  // namespace amtscope

#endif  // AMTSCOPE_NET_TARGET_PARSE_H_
