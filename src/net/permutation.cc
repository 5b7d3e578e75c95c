#include "net/permutation.h"

#include <fmt/format.h>

#include <charconv>

#include "net/address_range.h"

namespace amtscope {

namespace {

uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// The round function: a keyed 64-bit mix of `v` reduced to [0, m) by
// multiply-high (no division; the bias is below 2^-30 for m < 2^34).
inline uint64_t Round(uint64_t v, uint64_t key, uint64_t m) {
  uint64_t z = (v ^ key) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 29)) * 0x94d049bb133111ebULL;
  z ^= z >> 32;
  return static_cast<uint64_t>((static_cast<Uint128>(z) * m) >> 64);
}

}  // namespace

Permutation::Permutation(uint64_t n, uint64_t seed) : n_(n) {
  // a = 2^k with a^2 <= n, b = ceil(n / a): the domain a*b exceeds n by less
  // than a, so cycle walking rarely takes a second step.
  while (a_bits_ < 31 && (uint64_t{1} << (2 * (a_bits_ + 1))) <= n) ++a_bits_;
  b_ = n == 0 ? 1 : ((n - 1) >> a_bits_) + 1;
  uint64_t state = seed;
  for (auto& key : keys_) key = SplitMix64(state);
}

uint64_t Permutation::Encrypt(uint64_t x) const {
  const uint64_t a_mask = (uint64_t{1} << a_bits_) - 1;
  uint64_t left = x & a_mask;     // in Z_a
  uint64_t right = x >> a_bits_;  // in Z_b
  for (int r = 0; r < kRounds; r += 2) {
    left = (left + Round(right, keys_[r], a_mask + 1)) & a_mask;
    right += Round(left, keys_[r + 1], b_);
    if (right >= b_) right -= b_;
  }
  return right << a_bits_ | left;
}

uint64_t Permutation::Decrypt(uint64_t x) const {
  const uint64_t a_mask = (uint64_t{1} << a_bits_) - 1;
  uint64_t left = x & a_mask;
  uint64_t right = x >> a_bits_;
  for (int r = kRounds - 2; r >= 0; r -= 2) {
    uint64_t step = Round(left, keys_[r + 1], b_);
    right = right >= step ? right - step : right + b_ - step;
    left = (left - Round(right, keys_[r], a_mask + 1)) & a_mask;
  }
  return right << a_bits_ | left;
}

Result<Shard> Shard::Parse(std::string_view text) {
  constexpr std::string_view kHint =
      "give --shard as i/N with 1 <= i <= N (1-based, like masscan), e.g. "
      "--shard 2/4";
  size_t slash = text.find('/');
  Shard shard;
  auto parse = [](std::string_view s, uint32_t& out) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return !s.empty() && ec == std::errc() && end == s.data() + s.size();
  };
  if (slash == std::string_view::npos ||
      !parse(text.substr(0, slash), shard.index) ||
      !parse(text.substr(slash + 1), shard.count)) {
    return Status::InvalidArgument(fmt::format("bad shard '{}': not i/N", text),
                                   kHint);
  }
  if (shard.count == 0 || shard.index == 0 || shard.index > shard.count) {
    return Status::InvalidArgument(
        fmt::format("bad shard '{}': need 1 <= i <= N (shards are 1-based)",
                    text),
        kHint);
  }
  return shard;
}

std::string Shard::ToString() const {
  return fmt::format("{}/{}", index, count);
}

ScanOrder::ScanOrder(uint64_t address_count, uint32_t port_count, uint64_t seed,
                     Shard shard)
    : perm_(address_count * port_count, seed),
      port_count_(port_count == 0 ? 1 : port_count),
      shard_(shard) {
  uint64_t total = perm_.size();
  uint64_t first = shard_.index - 1;
  size_ = total > first ? (total - first - 1) / shard_.count + 1 : 0;
}

bool ScanOrder::PositionOf(Pick pick, uint64_t* position) const {
  uint64_t x = pick.address_index * port_count_ + pick.port_index;
  if (pick.port_index >= port_count_ || x >= perm_.size()) return false;
  uint64_t index = perm_.Unmap(x);
  if (index % shard_.count != shard_.index - 1) return false;
  *position = index / shard_.count;
  return true;
}

}  // namespace amtscope
