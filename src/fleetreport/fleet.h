// Fleet: what `amtscope report` shows, loaded from the inventory (issue 13).
// The device list IS Inventory::Devices() with the same filter as `inventory
// devices --json`, so every count on a report agrees with that command;
// docs/report.md says what each number means.
#ifndef AMTSCOPE_FLEETREPORT_FLEET_H_
#define AMTSCOPE_FLEETREPORT_FLEET_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "inventory/inventory.h"

namespace amtscope {

/// Which part of the inventory a report covers.
struct FleetQuery {
  std::string site;                // "" = every site (DeviceFilter::site)
  int64_t scan_id = 0;             // 0 = current state; else as of this scan
  std::optional<TimePoint> since;  // only scans started at or after this
};

/// One device of `inventory devices --json` and its open ports.
struct FleetDevice {
  Device device;
  /// Its observations in device.last_scan_id (one per open port), most
  /// severe first; the first one stands for the device.
  std::vector<Observation> ports;
};

/// One scan in the trend: its record and its AMT devices by verdict (a
/// device with several ports counts once, by its most severe port).
struct ScanTally {
  ScanRecord scan;
  uint64_t vulnerable = 0;
  uint64_t not_vulnerable = 0;
  uint64_t unknown = 0;
};

/// Everything a report renders.
struct Fleet {
  FleetQuery query;
  std::string inventory;                // Inventory::Describe()
  std::vector<FleetDevice> devices;     // ordered by device id
  std::vector<ScanTally> scans;         // the scans included, oldest first
  std::vector<MachineRecord> machines;  // `check` results, newest per identity
};

/// The summary cards (docs/report.md, "Numbers").
struct FleetSummary {
  uint64_t devices = 0;         // rows of `inventory devices --json`
  uint64_t amt = 0;             // ... whose verdict is not "not-amt"
  uint64_t vulnerable = 0;      // verdict "vulnerable"
  uint64_t not_vulnerable = 0;  // verdict "not-vulnerable"
  uint64_t unknown = 0;         // verdict "unknown"
  uint64_t fixed = 0;           // first_fixed set, at/after the first scan, not
                                // vulnerable now
  std::optional<uint64_t> added;  // AMT devices first seen in the newest
                                  // scan; nullopt with fewer than two scans
};

/// Reads devices, their ports, the scans and machines for `query`.
Result<Fleet> LoadFleet(Inventory& inventory, const FleetQuery& query);

/// The cards' numbers for `fleet`.
FleetSummary Summarize(const Fleet& fleet);

/// True for the verdicts of an AMT device (not "not-amt").
bool IsAmtVerdict(ScanVerdict verdict);

}  // namespace amtscope

#endif  // AMTSCOPE_FLEETREPORT_FLEET_H_
