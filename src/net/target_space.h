// TargetSpace: the set of addresses a scan may touch, and nothing else.
#ifndef AMTSCOPE_NET_TARGET_SPACE_H_
#define AMTSCOPE_NET_TARGET_SPACE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/ip/address.hpp>

#include "core/result.h"

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
  std::vector<std::string> include;   // IPs, CIDRs, ranges, host names
  std::vector<std::string> exclude;   // same syntax
  bool confirm_large = false;         // allow more than 2^24 addresses
};

/// A deduplicated, sorted set of addresses (IPv4 ranges and IPv6
/// singletons/small prefixes) minus the excludes, indexable in O(log n).
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

 private:
  struct Range {
    boost::asio::ip::address first;  // inclusive
    uint64_t count = 0;
    uint64_t offset = 0;             // index of `first` in the space
  };
  std::vector<Range> ranges_;
  uint64_t size_ = 0;
};

/// Reads targets from a file, or stdin for "-": one or more entries per
/// line; '#' comments; also masscan -oL ("open tcp 16992 198.18.0.1 ...")
/// and zmap (one IP per line, or CSV with saddr first) lines.
Result<std::vector<std::string>> ReadTargetFile(const std::string& path);

}  // namespace amtscope

#endif  // AMTSCOPE_NET_TARGET_SPACE_H_
