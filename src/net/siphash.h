// SipHash-2-4: the keyed hash behind SYN cookies
// (docs/scan-performance.md §1.8: validate replies with a keyed cookie, not a
// table, as masscan and ZMap do).
#ifndef AMTSCOPE_NET_SIPHASH_H_
#define AMTSCOPE_NET_SIPHASH_H_

#include <array>
#include <cstdint>
#include <span>

namespace amtscope {

/// A 128-bit SipHash key.
using SipKey = std::array<uint64_t, 2>;

/// SipHash-2-4 of `data` under `key` (Aumasson & Bernstein, 2012).
uint64_t SipHash24(const SipKey& key, std::span<const uint8_t> data);

/// The cookie a SYN to (dst_ip, dst_port) from src_port carries as its
/// sequence number; the reply's ack must be cookie + 1.
uint32_t SynCookie(const SipKey& key, uint32_t dst_ip, uint16_t dst_port,
                   uint16_t src_port);

}  // namespace amtscope

#endif  // AMTSCOPE_NET_SIPHASH_H_
