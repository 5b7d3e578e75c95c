// Device identity: which stored device an observation belongs to (issue 12
// item 3; the rule and its limits are in docs/inventory.md, "Devices").
#ifndef AMTSCOPE_INVENTORY_IDENTITY_H_
#define AMTSCOPE_INVENTORY_IDENTITY_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "inventory/inventory.h"

namespace amtscope {

/// What identifies a stored device (a subset of Device).
struct DeviceKey {
  int64_t id = 0;
  std::string cert_sha256;
  std::string realm;
  std::string product;
  std::string version;  // FirmwareVersion text
  std::string ip;
  uint16_t port = 0;
  // Already linked in this scan at another address: its certificate or
  // realm is shared with another device (a fleet-wide certificate, colliding
  // realm digits), so neither identifies it now.
  bool seen_elsewhere = false;
};

/// How an observation was linked.
enum class MatchKind { kCertificate, kRealm, kAddress, kNew };
/// "certificate", "realm", "address", "new".
std::string_view ToString(MatchKind kind);

struct DeviceMatch {
  int64_t device_id = 0;  // 0 for kNew
  MatchKind kind = MatchKind::kNew;
};

/// True when `realm` cannot tell devices apart: empty, not "Digest:" plus
/// hex digits, or digits that are all zero.
bool IsGenericRealm(std::string_view realm);

/// The identity rule: the device whose certificate fingerprint matches and
/// whose non-generic realm does not contradict, if exactly one; else the device
/// whose non-generic realm, product and version line match, if exactly one;
/// else the device at the same address and port unless its certificate or realm
/// contradicts the observation; else new.
DeviceMatch MatchDevice(const Observation& observation,
                        std::span<const DeviceKey> candidates);

}  // namespace amtscope

#endif  // AMTSCOPE_INVENTORY_IDENTITY_H_
