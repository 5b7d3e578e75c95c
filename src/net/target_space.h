// TargetSpace: the set of addresses a scan may touch, and nothing else.
//
// Usage (scan command / engine):
//   TargetSpec spec{.include = positional, .exclude = excludes};
//   AMTSCOPE_ASSIGN_OR_RETURN(auto more, ReadTargetFile(input_list));  // -iL
//   spec.include.insert(spec.include.end(), more.begin(), more.end());
//   AMTSCOPE_ASSIGN_OR_RETURN(TargetSpace space, TargetSpace::Build(spec,
//   SystemResolver()));
//   ... space.At(i) for i in [0, space.size()), in the order a Permutation
//   picks.
// Entries may be comma- or space-separated lists (SplitTargetList).
#ifndef AMTSCOPE_NET_TARGET_SPACE_H_
#define AMTSCOPE_NET_TARGET_SPACE_H_

#include <boost/asio/ip/address.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "net/address_range.h"

namespace amtscope {

/// Resolves host names (behind an interface so tests need no DNS).
class Resolver {
 public:
  virtual ~Resolver() = default;
  /// All addresses of `host`; NotFound with a hint when it has none.
  virtual Result<std::vector<boost::asio::ip::address>> Resolve(
      std::string_view host) = 0;
};

/// The system resolver (getaddrinfo).
Resolver& SystemResolver();

/// What the user asked for, as typed.
struct TargetSpec {
  std::vector<std::string> include;  // IPs, CIDRs, ranges, host names, lists
  std::vector<std::string> exclude;  // same syntax (--exclude, --excludefile)
  bool confirm_large = false;        // allow more than 2^24 addresses
};

/// Most addresses a scan may cover without TargetSpec::confirm_large.
inline constexpr uint64_t kMaxTargetsWithoutConfirm = uint64_t{1} << 24;

/// A deduplicated, sorted set of addresses (IPv4 ranges and IPv6
/// singletons/small prefixes) minus the excludes, indexable in O(log n).
/// Immutable after Build, so safe to share between threads.
class TargetSpace {
 public:
  TargetSpace() = default;
  /// Parses every entry (InvalidArgument naming the bad one, with a hint)
  /// and refuses more than 2^24 addresses unless confirm_large.
  static Result<TargetSpace> Build(const TargetSpec& spec, Resolver& resolver);

  /// Number of addresses.
  uint64_t size() const { return size_; }
  /// REQUIRES: index < size(). The index-th address in sorted order.
  boost::asio::ip::address At(uint64_t index) const;
  /// True when `addr` is in the space (used to verify resume files).
  bool Contains(const boost::asio::ip::address& addr) const;
  /// The index of `addr` in sorted order; -1 when not in the space.
  int64_t IndexOf(const boost::asio::ip::address& addr) const;
  /// The merged ranges, sorted (IPv4 first), for summaries and dry runs.
  std::vector<AddressRange> Ranges() const;
  /// A hash of the exact address set (resume files check it is unchanged).
  uint64_t Fingerprint() const;
  /// A short description: "65536 addresses in 1 range
  /// (198.18.0.0-198.18.255.255)".
  std::string Describe() const;

 private:
  struct Range {
    Uint128 first = 0;  // inclusive
    uint64_t count = 0;
    uint64_t offset = 0;  // index of `first` in the space
    bool v6 = false;
  };
  int64_t IndexOf(bool v6, Uint128 value) const;

  std::vector<Range> ranges_;
  uint64_t size_ = 0;
};

/// Reads targets from a file, or stdin for "-": one or more entries per
/// line; '#' comments; also masscan -oL ("open tcp 16992 198.18.0.1 ...")
/// and zmap (one IP per line, or CSV with saddr first) lines.
/// NotFound (exit 2) naming the file when it cannot be read.
Result<std::vector<std::string>> ReadTargetFile(const std::string& path);

/// The entries in the text of a target file (what ReadTargetFile parses).
/// A zmap CSV header naming `saddr` switches to taking that column; masscan
/// "open"/"banner" lines give their address, "closed" lines nothing. Entry
/// syntax is checked later by TargetSpace::Build.
std::vector<std::string> ParseTargetLines(std::string_view text);

}  // namespace amtscope

#endif  // AMTSCOPE_NET_TARGET_SPACE_H_
