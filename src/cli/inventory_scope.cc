#include "cli/inventory_scope.h"

#include <boost/asio/ip/address.hpp>

#include "net/target_parse.h"
#include "net/target_space.h"

namespace amtscope::cli {

namespace {

// The inventory never resolves names: a stored scan's scope is what its
// addresses say, not what DNS says today.
class NoDnsResolver : public Resolver {
 public:
  Result<std::vector<boost::asio::ip::address>> Resolve(
      std::string_view host) override {
    return Status::NotFound("not resolved: " + std::string(host));
  }
};

}  // namespace

std::vector<AddressRange> TargetRanges(
    const std::vector<std::string>& targets) {
  NoDnsResolver resolver;
  std::vector<AddressRange> out;
  for (const std::string& t : targets) {
    for (const std::string& entry : SplitTargetList(t)) {
      auto ranges = ParseTargetEntry(entry, resolver);
      if (ranges.ok()) out.insert(out.end(), ranges->begin(), ranges->end());
    }
  }
  MergeRanges(out);
  return out;
}

bool RangesOverlap(const std::vector<AddressRange>& a,
                   const std::vector<AddressRange>& b) {
  for (const AddressRange& x : a) {
    for (const AddressRange& y : b) {
      if (x.v6 == y.v6 && x.first <= y.last && y.first <= x.last) return true;
    }
  }
  return false;
}

bool RangesCover(const std::vector<AddressRange>& ranges,
                 const std::string& ip) {
  boost::system::error_code ec;
  auto addr = boost::asio::ip::make_address(ip, ec);
  if (ec) return false;
  AddressRange point;
  point.v6 = addr.is_v6();
  if (point.v6) {
    for (unsigned char byte : addr.to_v6().to_bytes())
      point.first = (point.first << 8) | byte;
  } else {
    point.first = addr.to_v4().to_uint();
  }
  point.last = point.first;
  return RangesOverlap(ranges, {point});
}

}  // namespace amtscope::cli
