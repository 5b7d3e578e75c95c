// What every report format derives from a Fleet: the network of a device, the
// fix that applies, the evidence in one line, the chart buckets. One place,
// so the HTML, Markdown, SARIF and CSV say the same (docs/report.md).
#ifndef AMTSCOPE_FLEETREPORT_REPORT_DATA_H_
#define AMTSCOPE_FLEETREPORT_REPORT_DATA_H_

#include <cstdint>
#include <string>
#include <vector>

#include "advisory/advisory_db.h"
#include "advisory/vendor_db.h"
#include "fleetreport/fleet.h"

namespace amtscope {

/// What a renderer needs besides the fleet.
struct ReportContext {
  const AdvisoryDb* advisories = nullptr;  // required
  const VendorDb* vendors = nullptr;       // nullptr: no vendor fixes
  std::string tool_version;                // "amtscope 0.13.0 (abc123)"
  TimePoint generated;                     // when the report was written
};

/// AMT devices in one group, by current verdict.
struct VerdictCounts {
  std::string label;
  uint64_t vulnerable = 0;
  uint64_t not_vulnerable = 0;
  uint64_t unknown = 0;
  uint64_t total() const { return vulnerable + not_vulnerable + unknown; }
};

/// How many AMT devices one advisory applies to (their findings name it:
/// the scan lists every advisory whose affected versions hold the device's).
struct AdvisoryCount {
  const Advisory* advisory = nullptr;
  std::string id;  // the id as the finding names it when not in the database
  VerdictCounts devices;  // label = id
};

/// `parts` separated by `sep`.
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
/// The device's network: its --site label when it has one, else its /24
/// (IPv4) or /64 (IPv6).
std::string NetworkOf(const Device& device);
/// AMT devices per network, most vulnerable first (then most devices).
std::vector<VerdictCounts> ByNetwork(const Fleet& fleet);
/// AMT devices per firmware major line "6.x" … "16.x" (always all eleven),
/// then "other" and "unknown" when non-empty.
std::vector<VerdictCounts> ByFirmwareLine(const Fleet& fleet);
/// Every advisory some AMT device's finding names, in database order.
std::vector<AdvisoryCount> ByAdvisory(const Fleet& fleet, const AdvisoryDb& db);

/// What to install: the newest of the first fixed builds on the device's
/// line over the advisories the finding names (by version, whatever the
/// verdict), e.g. "11.8.93 or later (fixes 12 of 14 advisories); 2 ...",
/// and those without a fix; "" when no advisory applies.
std::string FixText(const Finding& finding, const AdvisoryDb& db);
/// Which request got which status: "/index.htm: no auth 401, empty digest
/// 200, wrong digest 401"; the reason code when no request was sent.
std::string EvidenceText(const Finding& finding);
/// The device's open ports: "16992, 16993 (TLSv1.2)".
std::string PortsText(const FleetDevice& device);
/// The TLS versions spoken on its ports, "" when none.
std::string TlsText(const FleetDevice& device);
/// "2026-11-25 01:00" (UTC), "" for the epoch.
std::string ShortUtc(TimePoint time);
/// "http://198.18.0.5:16992/", "https://[2001:db8::1]:16993/".
std::string PortUri(const Finding& finding);
/// Intel's advisory page for an id like "INTEL-SA-00075".
std::string AdvisoryUrl(std::string_view id);
/// The vendor fix line for a checked machine ("HP EliteBook 850 G3: ME
/// 11.8.50.3425, BIOS N75 v01.20 (2017-06-05) <url>"), "" when unknown.
std::string VendorFixText(const MachineRecord& machine, const VendorDb& db);
/// The ids of the advisories `check` found vulnerable for this machine.
std::vector<std::string> MachineVulnerable(const MachineRecord& machine);

}  // namespace amtscope

#endif  // AMTSCOPE_FLEETREPORT_REPORT_DATA_H_
