// Diff: per device, the most severe port of each scan, then the categories
// of docs/inventory.md, "Diff".
#include "inventory/diff.h"

#include <map>
#include <set>

namespace amtscope {
namespace {

// Device id → its most severe observation (the first such in address order).
std::map<int64_t, const Finding*> ByDevice(std::span<const Observation> obs) {
  std::map<int64_t, const Finding*> out;
  for (const Observation& o : obs) {
    auto [it, inserted] = out.emplace(o.device_id, &o.finding);
    if (!inserted && VerdictSeverity(o.finding.verdict) >
                         VerdictSeverity(it->second->verdict)) {
      it->second = &o.finding;
    }
  }
  return out;
}

std::set<std::string> Addresses(std::span<const Observation> obs) {
  std::set<std::string> out;
  for (const Observation& o : obs) out.insert(o.finding.ip);
  return out;
}

DiffItem MakeItem(int64_t device, const Finding* before, const Finding* after) {
  DiffItem item;
  item.device = device;
  const Finding* where = after != nullptr ? after : before;
  item.ip = where->ip;
  item.port = where->port;
  if (before != nullptr) {
    item.verdict_before = before->verdict;
    item.version_before = before->version.ToString();
  }
  if (after != nullptr) {
    item.verdict_after = after->verdict;
    item.version_after = after->version.ToString();
  }
  return item;
}

void ClassifyBoth(int64_t id, const Finding* b, const Finding* a,
                  ScanDiff& diff) {
  DiffItem item = MakeItem(id, b, a);
  bool was = b->verdict == ScanVerdict::kVulnerable;
  bool is = a->verdict == ScanVerdict::kVulnerable;
  if (was && is) diff.still_vulnerable.push_back(item);
  if (was && !is && a->verdict != ScanVerdict::kUnknown)
    diff.fixed.push_back(item);
  if (!was && is) diff.regressed.push_back(item);
  if (b->ip != a->ip && (b->amt || a->amt)) {
    item.previous_ip = b->ip;
    diff.moved.push_back(item);
  }
}

// Seen before only: fixed when its address still answered (no longer
// AMT-exposed), gone when in scope and silent, else not compared.
void ClassifyBeforeOnly(int64_t id, const Finding* b,
                        const std::set<std::string>& answered,
                        const ScopeFn& covers, ScanDiff& diff) {
  if (!b->amt) return;
  if (answered.contains(b->ip)) {
    if (b->verdict == ScanVerdict::kVulnerable)
      diff.fixed.push_back(MakeItem(id, b, nullptr));
    return;
  }
  if (!covers || covers(b->ip)) diff.gone.push_back(MakeItem(id, b, nullptr));
}

}  // namespace

ScanDiff Diff(std::span<const Observation> before,
              std::span<const Observation> after, const ScopeFn& after_covers) {
  ScanDiff diff;
  auto b = ByDevice(before);
  auto a = ByDevice(after);
  std::set<std::string> answered = Addresses(after);
  for (const auto& [id, finding] : a) {
    auto it = b.find(id);
    if (it != b.end()) {
      ClassifyBoth(id, it->second, finding, diff);
    } else if (finding->amt) {
      diff.added.push_back(MakeItem(id, nullptr, finding));
    }
  }
  for (const auto& [id, finding] : b) {
    if (!a.contains(id))
      ClassifyBeforeOnly(id, finding, answered, after_covers, diff);
  }
  return diff;
}

namespace {

nlohmann::json OptionalVerdict(const std::optional<ScanVerdict>& v) {
  return v ? nlohmann::json(std::string(ToString(*v)))
           : nlohmann::json(nullptr);
}

nlohmann::json TextOrNull(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

nlohmann::json ItemsToJson(const std::vector<DiffItem>& items) {
  nlohmann::json out = nlohmann::json::array();
  for (const DiffItem& i : items) {
    out.push_back({{"device", i.device},
                   {"ip", i.ip},
                   {"port", i.port},
                   {"previous_ip",
                    i.previous_ip ? nlohmann::json(*i.previous_ip) : nullptr},
                   {"verdict_before", OptionalVerdict(i.verdict_before)},
                   {"verdict_after", OptionalVerdict(i.verdict_after)},
                   {"version_before", TextOrNull(i.version_before)},
                   {"version_after", TextOrNull(i.version_after)}});
  }
  return out;
}

}  // namespace

nlohmann::json DiffToJson(const ScanDiff& diff) {
  return {{"from", diff.from_scan},
          {"to", diff.to_scan},
          {"new", ItemsToJson(diff.added)},
          {"fixed", ItemsToJson(diff.fixed)},
          {"regressed", ItemsToJson(diff.regressed)},
          {"still_vulnerable", ItemsToJson(diff.still_vulnerable)},
          {"gone", ItemsToJson(diff.gone)},
          {"moved", ItemsToJson(diff.moved)}};
}

}  // namespace amtscope
