#include "net/siphash.h"

namespace amtscope {
namespace {

constexpr uint64_t Rotl(uint64_t x, int b) {
  return (x << b) | (x >> (64 - b));
}

struct SipState {
  uint64_t v0, v1, v2, v3;

  void Round() {
    v0 += v1;
    v1 = Rotl(v1, 13) ^ v0;
    v0 = Rotl(v0, 32);
    v2 += v3;
    v3 = Rotl(v3, 16) ^ v2;
    v0 += v3;
    v3 = Rotl(v3, 21) ^ v0;
    v2 += v1;
    v1 = Rotl(v1, 17) ^ v2;
    v2 = Rotl(v2, 32);
  }
  void Absorb(uint64_t m) {
    v3 ^= m;
    Round();
    Round();
    v0 ^= m;
  }
};

uint64_t LoadLe(const uint8_t* p, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) v |= static_cast<uint64_t>(p[i]) << (8 * i);
  return v;
}

}  // namespace

uint64_t SipHash24(const SipKey& key, std::span<const uint8_t> data) {
  SipState s{key[0] ^ 0x736f6d6570736575ULL, key[1] ^ 0x646f72616e646f6dULL,
             key[0] ^ 0x6c7967656e657261ULL, key[1] ^ 0x7465646279746573ULL};
  size_t full = data.size() / 8 * 8;
  for (size_t i = 0; i < full; i += 8) s.Absorb(LoadLe(&data[i], 8));
  uint64_t last = static_cast<uint64_t>(data.size() & 0xff) << 56;
  s.Absorb(last | LoadLe(data.data() + full, data.size() - full));
  s.v2 ^= 0xff;
  for (int i = 0; i < 4; ++i) s.Round();
  return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}

uint32_t SynCookie(const SipKey& key, uint32_t dst_ip, uint16_t dst_port,
                   uint16_t src_port) {
  const uint8_t bytes[8] = {
      static_cast<uint8_t>(dst_ip >> 24),  static_cast<uint8_t>(dst_ip >> 16),
      static_cast<uint8_t>(dst_ip >> 8),   static_cast<uint8_t>(dst_ip),
      static_cast<uint8_t>(dst_port >> 8), static_cast<uint8_t>(dst_port),
      static_cast<uint8_t>(src_port >> 8), static_cast<uint8_t>(src_port)};
  return static_cast<uint32_t>(SipHash24(key, bytes));
}

}  // namespace amtscope
