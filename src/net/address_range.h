// AddressRange: an inclusive range of IPv4 or IPv6 addresses held as numbers.
#ifndef AMTSCOPE_NET_ADDRESS_RANGE_H_
#define AMTSCOPE_NET_ADDRESS_RANGE_H_

#include <string>
#include <vector>

namespace amtscope {

/// An unsigned 128-bit integer (IPv6 addresses; IPv4 uses the low 32 bits).
__extension__ using Uint128 = unsigned __int128;

/// An inclusive range of addresses of one family. IPv4 ranges sort before IPv6.
struct AddressRange {
  bool v6 = false;
  Uint128 first = 0;
  Uint128 last = 0;  // >= first
  bool operator==(const AddressRange&) const = default;
  bool operator<(const AddressRange& o) const {
    return v6 != o.v6         ? !v6
           : first != o.first ? first < o.first
                              : last < o.last;
  }
};

/// Sorts `ranges` and merges overlapping and adjacent ones (per family).
void MergeRanges(std::vector<AddressRange>& ranges);
/// `include` minus `exclude`; both must be merged (MergeRanges).
std::vector<AddressRange> SubtractRanges(
    const std::vector<AddressRange>& include,
    const std::vector<AddressRange>& exclude);
/// Formats an address held as a number ("198.18.0.1", "::1").
std::string FormatAddress(bool v6, Uint128 value);

}  // namespace amtscope

#endif  // AMTSCOPE_NET_ADDRESS_RANGE_H_
