// libFuzzer target: target files, target entries, port lists and shards never
// crash, and a space that builds is consistent (At and IndexOf invert).
// Host names go to a fake resolver: a fuzzer must never touch DNS.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "net/permutation.h"
#include "net/port_list.h"
#include "net/target_space.h"

namespace {

class FakeResolver : public amtscope::Resolver {
 public:
  amtscope::Result<std::vector<boost::asio::ip::address>> Resolve(
      std::string_view host) override {
    if (host.size() % 2 == 0) return amtscope::Status::NotFound("no such host");
    return std::vector<boost::asio::ip::address>{
        boost::asio::ip::make_address("198.18.0.1"),
        boost::asio::ip::make_address("::1")};
  }
};

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)amtscope::ParsePortList(text);
  (void)amtscope::Shard::Parse(text);
  auto entries = amtscope::ParseTargetLines(text);
  FakeResolver resolver;
  // First half includes, the rest excludes; confirm_large so big ones build.
  amtscope::TargetSpec spec;
  for (size_t i = 0; i < entries.size(); ++i) {
    (i % 2 ? spec.exclude : spec.include).push_back(entries[i]);
  }
  spec.confirm_large = true;
  auto space = amtscope::TargetSpace::Build(spec, resolver);
  if (!space.ok()) return 0;
  Check(space->size() > 0);
  for (uint64_t i : {uint64_t{0}, space->size() / 2, space->size() - 1}) {
    Check(space->IndexOf(space->At(i)) == static_cast<int64_t>(i));
  }
  amtscope::Permutation perm(space->size(), size);
  Check(perm.Map(space->size() - 1) < space->size());
  return 0;
}
