// Device identity: certificate, then realm + product + version line, then
// address (docs/inventory.md, "Devices").
#include "inventory/identity.h"

#include <cctype>

#include "core/firmware_version.h"

namespace amtscope {
namespace {

constexpr std::string_view kRealmPrefix = "Digest:";  // docs/protocol.md §2.2

// Major.minor agree, or neither side knows its version.
bool SameVersionLine(const std::string& a, const std::string& b) {
  auto va = FirmwareVersion::Parse(a);
  auto vb = FirmwareVersion::Parse(b);
  bool known_a = va.ok() && va->known();
  bool known_b = vb.ok() && vb->known();
  if (!known_a && !known_b) return true;
  return known_a && known_b && va->SameLine(*vb);
}

bool CertsDiffer(const Observation& obs, const DeviceKey& key) {
  return !obs.finding.cert_sha256.empty() && !key.cert_sha256.empty() &&
         obs.finding.cert_sha256 != key.cert_sha256;
}

bool RealmMatches(const Observation& obs, const DeviceKey& key) {
  const Finding& f = obs.finding;
  return !key.seen_elsewhere && !CertsDiffer(obs, key) &&
         !IsGenericRealm(f.realm) && f.realm == key.realm &&
         f.product == key.product &&
         SameVersionLine(f.version.ToString(), key.version);
}

// The one candidate satisfying `pred`, or 0 when none or several do.
template <typename Pred>
int64_t Unique(std::span<const DeviceKey> candidates, Pred pred) {
  int64_t found = 0;
  for (const DeviceKey& key : candidates) {
    if (!pred(key)) continue;
    if (found != 0 && found != key.id) return 0;
    found = key.id;
  }
  return found;
}

bool RealmsDiffer(const Observation& obs, const DeviceKey& key) {
  return !IsGenericRealm(obs.finding.realm) && !IsGenericRealm(key.realm) &&
         obs.finding.realm != key.realm;
}

// A device at the same address is another one when what identifies a
// device (certificate, non-generic realm) is known on both sides and differs.
bool Contradicts(const Observation& obs, const DeviceKey& key) {
  return CertsDiffer(obs, key) || RealmsDiffer(obs, key);
}

// Fleet-wide or vendor-default certificates exist: a fingerprint identifies
// a device only while nothing else (its realm, this scan) says otherwise.
bool CertMatches(const Observation& obs, const DeviceKey& key) {
  return !key.seen_elsewhere && key.cert_sha256 == obs.finding.cert_sha256 &&
         !RealmsDiffer(obs, key);
}

}  // namespace

std::string_view ToString(MatchKind kind) {
  switch (kind) {
    case MatchKind::kCertificate:
      return "certificate";
    case MatchKind::kRealm:
      return "realm";
    case MatchKind::kAddress:
      return "address";
    case MatchKind::kNew:
      return "new";
  }
  return "new";
}

bool IsGenericRealm(std::string_view realm) {
  if (!realm.starts_with(kRealmPrefix)) return true;
  std::string_view digits = realm.substr(kRealmPrefix.size());
  if (digits.empty()) return true;
  bool all_zero = true;
  for (char c : digits) {
    if (std::isxdigit(static_cast<unsigned char>(c)) == 0) return true;
    if (c != '0') all_zero = false;
  }
  return all_zero;
}

DeviceMatch MatchDevice(const Observation& observation,
                        std::span<const DeviceKey> candidates) {
  const Finding& f = observation.finding;
  if (!f.cert_sha256.empty()) {
    int64_t id = Unique(candidates, [&](const DeviceKey& k) {
      return CertMatches(observation, k);
    });
    if (id != 0) return {id, MatchKind::kCertificate};
  }
  int64_t id = Unique(candidates, [&](const DeviceKey& k) {
    return RealmMatches(observation, k);
  });
  if (id != 0) return {id, MatchKind::kRealm};
  id = Unique(candidates, [&](const DeviceKey& k) {
    return k.ip == f.ip && k.port == f.port && !Contradicts(observation, k);
  });
  if (id != 0) return {id, MatchKind::kAddress};
  return {0, MatchKind::kNew};
}

}  // namespace amtscope
