// Which addresses a stored scan covered: its target specs (as typed) parsed
// into ranges without DNS (a host name covers nothing here), for `inventory
// diff`'s "overlapping targets" and its "gone" scope.
#ifndef AMTSCOPE_CLI_INVENTORY_SCOPE_H_
#define AMTSCOPE_CLI_INVENTORY_SCOPE_H_

#include <string>
#include <vector>

#include "net/address_range.h"

namespace amtscope::cli {

/// The ranges `targets` name; unparsable entries and names are left out.
std::vector<AddressRange> TargetRanges(const std::vector<std::string>& targets);
/// True when some range of `a` meets some range of `b`.
bool RangesOverlap(const std::vector<AddressRange>& a,
                   const std::vector<AddressRange>& b);
/// True when `ip` (text) is in `ranges`.
bool RangesCover(const std::vector<AddressRange>& ranges,
                 const std::string& ip);

}  // namespace amtscope::cli

#endif  // AMTSCOPE_CLI_INVENTORY_SCOPE_H_
