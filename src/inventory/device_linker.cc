// DeviceLinker: what the identity rule needs of a stored device, and how an
// observation changes it.
#include "inventory/device_linker.h"

#include <algorithm>
#include <chrono>
#include <vector>

#include "inventory/identity.h"

namespace amtscope {
namespace {

void TakeCurrent(Device& d, const Observation& obs, int64_t scan_id,
                 const std::string& site) {
  const Finding& f = obs.finding;
  bool same_scan = d.last_scan_id == scan_id;
  if (!same_scan || VerdictSeverity(f.verdict) >= VerdictSeverity(d.verdict)) {
    d.ip = f.ip;
    d.port = f.port;
    d.verdict = f.verdict;
  }
  d.last_seen = std::max(d.last_seen, f.time);
  d.last_scan_id = scan_id;
  d.site = site;
  if (!f.product.empty()) d.product = f.product;
  if (f.version.known()) d.version = f.version.ToString();
  if (!f.realm.empty()) d.realm = f.realm;
  if (!f.cert_sha256.empty()) d.cert_sha256 = f.cert_sha256;
}

}  // namespace

// Shards of one fleet are separate scans recording at the same moment; a
// device one of them saw at another address within this window of this
// scan is that address's device, not one that moved (DHCP moves are slower).
constexpr auto kSameMoment = std::chrono::hours(1);

DeviceKey KeyOf(const Device& d, const Finding& f, const LinkScan& scan) {
  bool now = d.last_scan_id == scan.id ||
             (d.last_seen >= scan.start && d.last_seen <= f.time + kSameMoment);
  bool elsewhere = now && d.ip != f.ip;
  return {d.id,      d.cert_sha256, d.realm, d.product,
          d.version, d.ip,          d.port,  elsewhere};
}

Device ApplyObservation(Device d, const Observation& obs, int64_t scan_id,
                        const std::string& site) {
  const Finding& f = obs.finding;
  if (d.id == 0 && d.last_scan_id == 0) {
    d.first_seen = f.time;
    d.last_seen = f.time;
  }
  d.first_seen = std::min(d.first_seen, f.time);
  if (d.last_scan_id == scan_id || f.time >= d.last_seen)
    TakeCurrent(d, obs, scan_id, site);
  if (f.verdict == ScanVerdict::kVulnerable &&
      (!d.first_vulnerable || f.time < *d.first_vulnerable)) {
    d.first_vulnerable = f.time;
  }
  bool clean = f.verdict == ScanVerdict::kNotVulnerable ||
               f.verdict == ScanVerdict::kNotAmt;
  if (clean && d.first_vulnerable && f.time > *d.first_vulnerable &&
      !d.first_fixed) {
    d.first_fixed = f.time;
  }
  return d;
}

}  // namespace amtscope
