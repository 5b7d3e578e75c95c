// Permutation and ScanOrder: the seeded pseudo-random order of a scan, and
// how it is cut into shards.
//
// The scan visits (address, port) pairs. Their number N = addresses x ports
// is permuted as one domain (like masscan, docs/scan-performance.md §1.1), so
// the ports of one host are spread over the whole scan instead of arriving
// together, and neighbouring addresses are far apart in time.
//
// Usage (engine):
//   ScanOrder order(space.size(), ports.size(), options.seed, options.shard);
//   for (uint64_t pos = start; pos < order.size(); ++pos) {
//     ScanOrder::Pick p = order.At(pos);   // p.address_index, p.port_index
//     ... probe space.At(p.address_index) on ports[p.port_index] ...
//   }
// `pos` is the position inside this shard; resume files record positions.
#ifndef AMTSCOPE_NET_PERMUTATION_H_
#define AMTSCOPE_NET_PERMUTATION_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace amtscope {

/// A seeded bijection over [0, n) in O(1) memory: an unbalanced Feistel
/// network over Z_a x Z_b (a = 2^k, a*b >= n, a*b < n + a) with cycle
/// walking back into [0, n), after Black & Rogaway as in masscan's BlackRock.
/// Thread-compatible; Map() is const and allocation-free.
class Permutation {
 public:
  /// REQUIRES: n < 2^62.
  Permutation(uint64_t n, uint64_t seed);

  uint64_t size() const { return n_; }
  /// REQUIRES: index < size(). The index-th element of the permuted order.
  uint64_t Map(uint64_t index) const {
    uint64_t x = index;
    do {
      x = Encrypt(x);
    } while (x >= n_);
    return x;
  }
  /// REQUIRES: value < size(). The index whose Map() is `value`.
  uint64_t Unmap(uint64_t value) const {
    uint64_t x = value;
    do {
      x = Decrypt(x);
    } while (x >= n_);
    return x;
  }

 private:
  static constexpr int kRounds = 4;
  uint64_t Encrypt(uint64_t x) const;
  uint64_t Decrypt(uint64_t x) const;
  uint64_t n_;
  int a_bits_ = 0;  // a = 2^a_bits_
  uint64_t b_ = 1;
  std::array<uint64_t, kRounds> keys_{};
};

/// One shard of a scan, 1-based like masscan's --shard (1/3, 2/3, 3/3).
/// Shard i of N takes the permuted indices i-1, i-1+N, i-1+2N, ...: the
/// shards are disjoint and together complete for the same seed.
struct Shard {
  uint32_t index = 1;  // 1..count
  uint32_t count = 1;

  /// Parses "i/N" (1 <= i <= N); InvalidArgument with a hint otherwise.
  static Result<Shard> Parse(std::string_view text);
  /// "i/N".
  std::string ToString() const;
  bool operator==(const Shard&) const = default;
};

/// The order of one shard of a scan over address x port pairs.
class ScanOrder {
 public:
  struct Pick {
    uint64_t address_index;  // into TargetSpace::At
    uint32_t port_index;     // into the port list
  };

  /// REQUIRES: shard valid (1 <= index <= count); address_count * port_count <
  /// 2^62.
  ScanOrder(uint64_t address_count, uint32_t port_count, uint64_t seed,
            Shard shard);

  /// Number of probes in this shard.
  uint64_t size() const { return size_; }
  /// REQUIRES: position < size(). The position-th probe of this shard.
  Pick At(uint64_t position) const {
    uint64_t x = perm_.Map(shard_.index - 1 + position * shard_.count);
    return {x / port_count_, static_cast<uint32_t>(x % port_count_)};
  }
  /// The position of a pick in this shard, or false when another shard (or
  /// nothing) owns it. Reconciles a resume file with an output file.
  bool PositionOf(Pick pick, uint64_t* position) const;

 private:
  Permutation perm_;
  uint32_t port_count_;
  Shard shard_;
  uint64_t size_;
};

}  // namespace amtscope

#endif  // AMTSCOPE_NET_PERMUTATION_H_
