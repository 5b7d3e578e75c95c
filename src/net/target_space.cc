#include "net/target_space.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "net/target_parse.h"

namespace amtscope {

namespace {

class GetaddrinfoResolver : public Resolver {
 public:
  Result<std::vector<boost::asio::ip::address>> Resolve(
      std::string_view host) override {
    boost::asio::io_context io;
    boost::asio::ip::tcp::resolver resolver(io);
    boost::system::error_code ec;
    auto results = resolver.resolve(std::string(host), "", ec);
    if (ec) {
      return Status::NotFound(fmt::format("{}: {}", host, ec.message()),
                              "check the spelling, or give the IP address");
    }
    std::vector<boost::asio::ip::address> out;
    for (const auto& entry : results) out.push_back(entry.endpoint().address());
    if (out.empty())
      return Status::NotFound(fmt::format("{}: no addresses", host));
    return out;
  }
};

// Octet ranges such as 198.*.0-15.1,3 expand to many small ranges; past
// this many (about 200 MB) the list is refused rather than exhausting memory.
constexpr size_t kMaxRangesTotal = size_t{1} << 22;

Result<std::vector<AddressRange>> ParseAll(
    const std::vector<std::string>& entries, Resolver& resolver) {
  std::vector<AddressRange> ranges;
  for (const std::string& typed : entries) {
    for (const std::string& entry : SplitTargetList(typed)) {
      AMTSCOPE_ASSIGN_OR_RETURN(auto parsed, ParseTargetEntry(entry, resolver));
      ranges.insert(ranges.end(), parsed.begin(), parsed.end());
      if (ranges.size() > kMaxRangesTotal) {
        return Status::InvalidArgument(
            fmt::format("bad target '{}': the target list splits into too many "
                        "pieces",
                        entry),
            "use CIDR blocks or a-b ranges instead of many octet ranges");
      }
    }
  }
  MergeRanges(ranges);
  return ranges;
}

// The address as (v6, number); IPv4-mapped IPv6 addresses count as IPv4.
std::pair<bool, Uint128> ToNumber(const boost::asio::ip::address& addr) {
  if (addr.is_v4()) return {false, addr.to_v4().to_uint()};
  auto v6 = addr.to_v6();
  if (v6.is_v4_mapped()) {
    return {false,
            boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6)
                .to_uint()};
  }
  Uint128 value = 0;
  for (uint8_t b : v6.to_bytes()) value = value << 8 | b;
  return {true, value};
}

}  // namespace

Resolver& SystemResolver() {
  static GetaddrinfoResolver* resolver = new GetaddrinfoResolver();
  return *resolver;
}

Result<TargetSpace> TargetSpace::Build(const TargetSpec& spec,
                                       Resolver& resolver) {
  AMTSCOPE_ASSIGN_OR_RETURN(auto include, ParseAll(spec.include, resolver));
  auto exclude = ParseAll(spec.exclude, resolver);
  if (!exclude.ok()) {  // name it as an exclude, not a target to scan
    std::string message(exclude.status().message());
    if (exclude.status().code() != StatusCode::kInvalidArgument ||
        message.rfind("bad target ", 0) != 0) {
      return exclude.status();
    }
    return Status::InvalidArgument(message.replace(4, 6, "exclude"),
                                   exclude.status().hint());
  }
  if (include.empty()) {
    return Status::InvalidArgument(
        "no targets given",
        "name addresses, CIDR blocks or ranges, or use -iL FILE");
  }
  TargetSpace space;
  for (const AddressRange& r : SubtractRanges(include, *exclude)) {
    auto count = static_cast<uint64_t>(r.last - r.first) + 1;
    space.ranges_.push_back({r.first, count, space.size_, r.v6});
    space.size_ += count;
  }
  if (space.size_ == 0) {
    return Status::InvalidArgument("every target is excluded",
                                   "check --exclude and --excludefile");
  }
  if (space.size_ > kMaxTargetsWithoutConfirm && !spec.confirm_large) {
    return Status::InvalidArgument(
        fmt::format("{} addresses to scan, more than 2^24 (16777216)",
                    space.size_),
        "add --confirm-large if you really mean it, or narrow with --exclude");
  }
  return space;
}

boost::asio::ip::address TargetSpace::At(uint64_t index) const {
  auto it =
      std::upper_bound(ranges_.begin(), ranges_.end(), index,
                       [](uint64_t i, const Range& r) { return i < r.offset; });
  const Range& r = *(it - 1);
  Uint128 value = r.first + (index - r.offset);
  if (!r.v6) return boost::asio::ip::address_v4(static_cast<uint32_t>(value));
  boost::asio::ip::address_v6::bytes_type bytes;
  for (int i = 15; i >= 0; --i) {
    bytes[i] = static_cast<uint8_t>(value);
    value >>= 8;
  }
  return boost::asio::ip::address_v6(bytes);
}

int64_t TargetSpace::IndexOf(bool v6, Uint128 value) const {
  // First range whose (family, first) is beyond the value, then step back.
  auto it = std::upper_bound(
      ranges_.begin(), ranges_.end(), std::make_pair(v6, value),
      [](const std::pair<bool, Uint128>& key, const Range& r) {
        return key.first != r.v6 ? !key.first : key.second < r.first;
      });
  if (it == ranges_.begin()) return -1;
  const Range& r = *(it - 1);
  if (r.v6 != v6 || value - r.first >= r.count) return -1;
  return static_cast<int64_t>(r.offset +
                              static_cast<uint64_t>(value - r.first));
}

int64_t TargetSpace::IndexOf(const boost::asio::ip::address& addr) const {
  auto [v6, value] = ToNumber(addr);
  return IndexOf(v6, value);
}

bool TargetSpace::Contains(const boost::asio::ip::address& addr) const {
  return IndexOf(addr) >= 0;
}

std::vector<AddressRange> TargetSpace::Ranges() const {
  std::vector<AddressRange> out;
  out.reserve(ranges_.size());
  for (const Range& r : ranges_)
    out.push_back({r.v6, r.first, r.first + (r.count - 1)});
  return out;
}

uint64_t TargetSpace::Fingerprint() const {
  uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a over (family, first, count)
  auto mix = [&hash](uint64_t v) {
    for (int i = 0; i < 8; ++i) {
      hash ^= (v >> (8 * i)) & 0xff;
      hash *= 0x100000001b3ULL;
    }
  };
  for (const Range& r : ranges_) {
    mix(r.v6);
    mix(static_cast<uint64_t>(r.first >> 64));
    mix(static_cast<uint64_t>(r.first));
    mix(r.count);
  }
  return hash;
}

std::string TargetSpace::Describe() const {
  std::string out =
      fmt::format("{} address{} in {} range{}", size_, size_ == 1 ? "" : "es",
                  ranges_.size(), ranges_.size() == 1 ? "" : "s");
  if (ranges_.size() == 1) {
    const Range& r = ranges_[0];
    out += r.count == 1
               ? fmt::format(" ({})", FormatAddress(r.v6, r.first))
               : fmt::format(" ({}-{})", FormatAddress(r.v6, r.first),
                             FormatAddress(r.v6, r.first + (r.count - 1)));
  }
  return out;
}

}  // namespace amtscope
