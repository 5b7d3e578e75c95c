// Diff: per device, the most severe port of each scan, then the categories
// of docs/inventory.md, "Diff".
#include "inventory/diff.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace amtscope {
namespace {

// Device id → its most severe observation (the first such in address order).
std::map<int64_t, const VerdictRow*> ByDevice(std::span<const VerdictRow> obs) {
  std::map<int64_t, const VerdictRow*> out;
  for (const VerdictRow& o : obs) {
    auto [it, inserted] = out.emplace(o.device_id, &o);
    if (!inserted &&
        VerdictSeverity(o.verdict) > VerdictSeverity(it->second->verdict)) {
      it->second = &o;
    }
  }
  return out;
}

std::set<std::string> Addresses(std::span<const VerdictRow> obs) {
  std::set<std::string> out;
  for (const VerdictRow& o : obs) out.insert(o.ip);
  return out;
}

DiffItem MakeItem(int64_t device, const VerdictRow* before,
                  const VerdictRow* after) {
  DiffItem item;
  item.device = device;
  const VerdictRow* where = after != nullptr ? after : before;
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

void ClassifyBoth(int64_t id, const VerdictRow* b, const VerdictRow* a,
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
void ClassifyBeforeOnly(int64_t id, const VerdictRow* b,
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

ScanDiff Diff(std::span<const VerdictRow> before,
              std::span<const VerdictRow> after, const ScopeFn& after_covers) {
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

// A JSON string as nlohmann's dump() writes it: plain ASCII is copied (every
// address and version), anything else goes through nlohmann, with invalid
// UTF-8 replaced rather than thrown on (a hostile imported address).
void AppendString(std::string_view s, std::string* out) {
  bool plain = std::all_of(s.begin(), s.end(), [](char c) {
    return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
  });
  if (!plain) {
    out->append(
        nlohmann::json(std::string(s))
            .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return;
  }
  out->push_back('"');
  out->append(s);
  out->push_back('"');
}

void AppendTextOrNull(std::string_view s, std::string* out) {
  if (s.empty()) {
    out->append("null");
  } else {
    AppendString(s, out);
  }
}

void AppendVerdict(const std::optional<ScanVerdict>& v, std::string* out) {
  AppendTextOrNull(v ? ToString(*v) : std::string_view(), out);
}

// One item at the indent of dump(2), its keys sorted as nlohmann's map
// sorts them.
void AppendItem(const DiffItem& i, std::string* out) {
  const char* kIn = "\n      ";
  out->append("    {").append(kIn).append("\"device\": ");
  out->append(std::to_string(i.device));
  out->append(",").append(kIn).append("\"ip\": ");
  AppendString(i.ip, out);
  out->append(",").append(kIn).append("\"port\": ");
  out->append(std::to_string(i.port));
  out->append(",").append(kIn).append("\"previous_ip\": ");
  if (i.previous_ip) {
    AppendString(*i.previous_ip, out);
  } else {
    out->append("null");
  }
  out->append(",").append(kIn).append("\"verdict_after\": ");
  AppendVerdict(i.verdict_after, out);
  out->append(",").append(kIn).append("\"verdict_before\": ");
  AppendVerdict(i.verdict_before, out);
  out->append(",").append(kIn).append("\"version_after\": ");
  AppendTextOrNull(i.version_after, out);
  out->append(",").append(kIn).append("\"version_before\": ");
  AppendTextOrNull(i.version_before, out);
  out->append("\n    }");
}

void AppendItems(const char* key, const std::vector<DiffItem>& items,
                 std::string* out) {
  out->append("  \"").append(key).append("\": [");
  if (items.empty()) {
    out->append("],\n");
    return;
  }
  for (size_t n = 0; n < items.size(); ++n) {
    out->append(n == 0 ? "\n" : ",\n");
    AppendItem(items[n], out);
  }
  out->append("\n  ],\n");
}

}  // namespace

std::string DiffToJson(const ScanDiff& diff) {
  // Written directly: building nlohmann objects for 100,000 items and
  // dumping them was a third of a 2 x 100,000 diff.
  std::string out = "{\n";
  out.reserve(300 * (diff.added.size() + diff.fixed.size() +
                     diff.regressed.size() + diff.still_vulnerable.size() +
                     diff.gone.size() + diff.moved.size()));
  AppendItems("fixed", diff.fixed, &out);
  out.append("  \"from\": ")
      .append(std::to_string(diff.from_scan))
      .append(",\n");
  AppendItems("gone", diff.gone, &out);
  AppendItems("moved", diff.moved, &out);
  AppendItems("new", diff.added, &out);
  AppendItems("regressed", diff.regressed, &out);
  AppendItems("still_vulnerable", diff.still_vulnerable, &out);
  out.append("  \"to\": ").append(std::to_string(diff.to_scan)).append("\n}");
  return out;
}

}  // namespace amtscope
