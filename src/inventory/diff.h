// Diff: what changed between two scans, per device (issue 12, `inventory
// diff`). Pure: takes the two scans' rows (with device ids, as
// Inventory::ScanVerdicts returns them); the definitions are in
// docs/inventory.md, "Diff".
#ifndef AMTSCOPE_INVENTORY_DIFF_H_
#define AMTSCOPE_INVENTORY_DIFF_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "inventory/inventory.h"
#include "model/finding.h"

namespace amtscope {

/// One device in one category. A device with several ports is represented by
/// its most severe port (vulnerable > unknown > not-vulnerable > not-amt).
struct DiffItem {
  int64_t device = 0;
  std::string
      ip;  // address in the later scan (earlier for gone/fixed-by-absence)
  uint16_t port = 0;
  std::optional<std::string> previous_ip;     // set for moved only
  std::optional<ScanVerdict> verdict_before;  // nullopt: not seen before
  std::optional<ScanVerdict> verdict_after;   // nullopt: not seen after
  std::string version_before;                 // "" when unknown or not seen
  std::string version_after;
};

/// The categories of `inventory diff --json`.
struct ScanDiff {
  int64_t from_scan = 0;
  int64_t to_scan = 0;
  std::vector<DiffItem> added;  // "new": AMT device only in the later scan
  std::vector<DiffItem>
      fixed;  // vulnerable → not-vulnerable, or no longer AMT-exposed
  std::vector<DiffItem> regressed;  // not vulnerable before → vulnerable
  std::vector<DiffItem> still_vulnerable;  // vulnerable in both
  std::vector<DiffItem>
      gone;  // in the later scan's targets, did not answer at all
  std::vector<DiffItem> moved;  // seen in both at different addresses
};

/// True when the later scan's targets cover `ip` (the caller builds it from
/// ScanRecord::targets; nullptr = covers everything).
using ScopeFn = std::function<bool(const std::string& ip)>;

/// Compares two scans' rows. A device seen in both at another
/// address is in `moved` and also in its verdict category.
ScanDiff Diff(std::span<const VerdictRow> before,
              std::span<const VerdictRow> after,
              const ScopeFn& after_covers = nullptr);

/// {"fixed":[..],"from":..,"gone":[..],...} as nlohmann's dump(2) prints
/// it (keys sorted, no final newline); each item has device, ip, port,
/// previous_ip (null unless moved), verdict_before/after (null when not
/// seen), version_before/after (null when unknown).
std::string DiffToJson(const ScanDiff& diff);

}  // namespace amtscope

#endif  // AMTSCOPE_INVENTORY_DIFF_H_
