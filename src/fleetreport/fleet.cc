#include "fleetreport/fleet.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace amtscope {

namespace {

using ObservationsByScan = std::map<int64_t, std::vector<Observation>>;

// One read per scan: the trend and the device ports share them.
Result<const std::vector<Observation>*> ObservationsOf(Inventory& inv,
                                                       int64_t scan_id,
                                                       ObservationsByScan* c) {
  auto it = c->find(scan_id);
  if (it == c->end()) {
    AMTSCOPE_ASSIGN_OR_RETURN(auto obs, inv.ScanObservations(scan_id));
    it = c->emplace(scan_id, std::move(obs)).first;
  }
  return &it->second;
}

bool MoreSevere(const Observation& a, const Observation& b) {
  int sa = VerdictSeverity(a.finding.verdict);
  int sb = VerdictSeverity(b.finding.verdict);
  return sa != sb ? sa > sb : a.finding.port < b.finding.port;
}

bool Included(const ScanRecord& s, const FleetQuery& q) {
  if (q.scan_id != 0 && s.id > q.scan_id) return false;
  if (q.since && s.start < *q.since) return false;
  return q.site.empty() || s.site == q.site;
}

// The scans a report covers, oldest first; NotFound for an unknown --scan.
Result<std::vector<ScanRecord>> IncludedScans(Inventory& inv,
                                              const FleetQuery& q) {
  if (q.scan_id != 0) AMTSCOPE_RETURN_IF_ERROR(inv.GetScan(q.scan_id).status());
  AMTSCOPE_ASSIGN_OR_RETURN(auto newest_first, inv.Scans());
  std::vector<ScanRecord> out;
  for (auto it = newest_first.rbegin(); it != newest_first.rend(); ++it) {
    if (Included(*it, q)) out.push_back(*it);
  }
  return out;
}

ScanTally Tally(const ScanRecord& scan, const std::vector<Observation>& obs) {
  std::unordered_map<int64_t, ScanVerdict> worst;
  for (const Observation& o : obs) {
    auto [it, added] = worst.emplace(o.device_id, o.finding.verdict);
    if (!added &&
        VerdictSeverity(o.finding.verdict) > VerdictSeverity(it->second)) {
      it->second = o.finding.verdict;
    }
  }
  ScanTally t{scan, 0, 0, 0};
  for (const auto& [id, v] : worst) {
    t.vulnerable += v == ScanVerdict::kVulnerable ? 1 : 0;
    t.not_vulnerable += v == ScanVerdict::kNotVulnerable ? 1 : 0;
    t.unknown += v == ScanVerdict::kUnknown ? 1 : 0;
  }
  return t;
}

// --scan: the device as that scan saw it (its most severe port).
void AsOfScan(const Observation& worst, int64_t scan_id, Device* d) {
  d->ip = worst.finding.ip;
  d->port = worst.finding.port;
  d->verdict = worst.finding.verdict;
  d->product = worst.finding.product;
  d->version = worst.finding.version.ToString();
  d->realm = worst.finding.realm;
  d->last_scan_id = scan_id;
}

Status AttachPorts(Inventory& inv, const FleetQuery& q,
                   std::vector<Device> devices, ObservationsByScan* cache,
                   Fleet* fleet) {
  for (Device& d : devices) {
    if (q.since && d.last_seen < *q.since) continue;
    int64_t scan = q.scan_id != 0 ? q.scan_id : d.last_scan_id;
    AMTSCOPE_ASSIGN_OR_RETURN(auto* obs, ObservationsOf(inv, scan, cache));
    FleetDevice fd;
    for (const Observation& o : *obs) {
      if (o.device_id == d.id) fd.ports.push_back(o);
    }
    if (q.scan_id != 0 && fd.ports.empty()) continue;  // not in that scan
    std::sort(fd.ports.begin(), fd.ports.end(), MoreSevere);
    if (q.scan_id != 0) AsOfScan(fd.ports.front(), q.scan_id, &d);
    fd.device = std::move(d);
    fleet->devices.push_back(std::move(fd));
  }
  return Status::Ok();
}

Status AddMachines(Inventory& inv, Fleet* fleet) {
  std::map<std::string, MachineRecord> newest;
  for (const ScanTally& t : fleet->scans) {
    AMTSCOPE_ASSIGN_OR_RETURN(auto machines, inv.ScanMachines(t.scan.id));
    for (MachineRecord& m : machines) {
      auto it = newest.find(m.identity);
      if (it == newest.end() || it->second.time <= m.time)
        newest[m.identity] = std::move(m);
    }
  }
  fleet->machines.reserve(newest.size());
  for (auto& [id, m] : newest) fleet->machines.push_back(std::move(m));
  return Status::Ok();
}

}  // namespace

bool IsAmtVerdict(ScanVerdict verdict) {
  return verdict != ScanVerdict::kNotAmt;
}

Result<Fleet> LoadFleet(Inventory& inv, const FleetQuery& query) {
  Fleet fleet;
  fleet.query = query;
  fleet.inventory = inv.Describe();
  AMTSCOPE_ASSIGN_OR_RETURN(auto scans, IncludedScans(inv, query));
  // The same call `inventory devices --site S --json` makes.
  AMTSCOPE_ASSIGN_OR_RETURN(auto devices, inv.Devices({false, query.site}));
  ObservationsByScan cache;
  AMTSCOPE_RETURN_IF_ERROR(
      AttachPorts(inv, query, std::move(devices), &cache, &fleet));
  for (const ScanRecord& s : scans) {
    AMTSCOPE_ASSIGN_OR_RETURN(auto* obs, ObservationsOf(inv, s.id, &cache));
    fleet.scans.push_back(Tally(s, *obs));
  }
  AMTSCOPE_RETURN_IF_ERROR(AddMachines(inv, &fleet));
  return fleet;
}

FleetSummary Summarize(const Fleet& fleet) {
  FleetSummary s;
  std::optional<TimePoint> first;
  std::optional<TimePoint> newest;
  TimePoint last_end{};  // a fix seen after the report's scans is not yet one
  size_t with_findings = 0;
  for (const ScanTally& t : fleet.scans) {
    last_end = std::max({last_end, t.scan.start, t.scan.end});
    if (t.scan.source == "import:check") continue;
    ++with_findings;
    if (!first) first = t.scan.start;
    newest = t.scan.start;
  }
  if (with_findings >= 2) s.added = 0;
  for (const FleetDevice& fd : fleet.devices) {
    const Device& d = fd.device;
    ++s.devices;
    if (!IsAmtVerdict(d.verdict)) continue;
    ++s.amt;
    s.vulnerable += d.verdict == ScanVerdict::kVulnerable ? 1 : 0;
    s.not_vulnerable += d.verdict == ScanVerdict::kNotVulnerable ? 1 : 0;
    s.unknown += d.verdict == ScanVerdict::kUnknown ? 1 : 0;
    if (s.added && d.first_seen >= *newest) ++*s.added;
  }
  for (const FleetDevice& fd : fleet.devices) {
    const Device& d = fd.device;
    if (d.first_fixed && d.verdict != ScanVerdict::kVulnerable &&
        (!first || *d.first_fixed >= *first) &&
        (fleet.query.scan_id == 0 || *d.first_fixed <= last_end)) {
      ++s.fixed;
    }
  }
  return s;
}

}  // namespace amtscope
