// A real SQLite inventory of known content for the report tests: two scans of
// 198.18.0.0/15 addresses (stored only, never contacted).
#ifndef AMTSCOPE_FLEETREPORT_FLEET_TESTUTIL_H_
#define AMTSCOPE_FLEETREPORT_FLEET_TESTUTIL_H_

#include <memory>
#include <string>
#include <vector>

#include "inventory/inventory.h"

namespace amtscope::testing {

/// One port as a scan would store it.
Observation ReportObs(std::string ip, uint16_t port, ScanVerdict verdict,
                      std::string version, std::string realm, TimePoint time);

/// Records a finished scan of `obs` started at `start` with `site`.
int64_t RecordScan(Inventory& inv, TimePoint start, std::string site,
                   std::vector<Observation> obs);

/// 2026-11-01T00:00:00Z plus `days`.
TimePoint Day(int days);

/// A fresh SQLite inventory under the test's temporary directory.
std::unique_ptr<Inventory> FreshInventory(const std::string& name);

/// The known fleet: scan 1 (Day 0) and scan 2 (Day 7), site `site`:
///  A 198.18.0.10:16992  8.1.40 vulnerable → 8.1.71.3608 not-vulnerable
///  B 198.18.0.11:16992  11.8.50.3425 not-vulnerable in both
///  C 198.18.1.5:16993   unknown (TLS) in both
///  D 198.18.1.6:80      not-amt, scan 1 only
///  E 198.18.2.7:16992   9.5.30 vulnerable, scan 2 only (new)
/// Returns the scan ids.
std::pair<int64_t, int64_t> RecordKnownFleet(Inventory& inv,
                                             const std::string& site);

}  // namespace amtscope::testing

#endif  // AMTSCOPE_FLEETREPORT_FLEET_TESTUTIL_H_
