#include "cli/inventory_render.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "core/text_escape.h"

namespace amtscope::cli {

namespace {

using Json = nlohmann::ordered_json;

Json TimeOrNull(TimePoint t) {
  return t == TimePoint{} ? Json(nullptr) : Json(Rfc3339(t));
}

Json TimeOrNull(const std::optional<TimePoint>& t) {
  return t ? TimeOrNull(*t) : Json(nullptr);
}

Json StrOrNull(const std::string& s) {
  return s.empty() ? Json(nullptr) : Json(s);
}

std::string ShortTime(TimePoint t) {
  if (t == TimePoint{}) return "-";
  std::string s = Rfc3339(t);  // 2026-11-25T01:00:02.000Z
  return s.size() >= 19 ? s.substr(0, 10) + " " + s.substr(11, 8) : s;
}

std::string Dash(const std::string& s) {
  return s.empty() ? "-" : PrintableLine(s);
}

std::string VerdictText(const std::optional<ScanVerdict>& v) {
  return v ? std::string(ToString(*v)) : "-";
}

void ItemLines(const char* title, const std::vector<DiffItem>& items,
               std::string* out) {
  if (items.empty()) return;
  *out += fmt::format("{} ({}):\n", title, items.size());
  for (const DiffItem& i : items) {
    std::string where = fmt::format("{}:{}", i.ip, i.port);
    if (i.previous_ip) where += fmt::format(" (was {})", *i.previous_ip);
    *out += fmt::format("  device {:<6} {:<28} {} -> {}  {} -> {}\n", i.device,
                        where, VerdictText(i.verdict_before),
                        VerdictText(i.verdict_after), Dash(i.version_before),
                        Dash(i.version_after));
  }
}

}  // namespace

Json ScansToJson(const std::vector<ScanRecord>& scans) {
  Json out = Json::array();
  for (const ScanRecord& s : scans) {
    out.push_back({{"id", s.id},
                   {"status", ToString(s.status)},
                   {"start", TimeOrNull(s.start)},
                   {"end", TimeOrNull(s.end)},
                   {"source", s.source},
                   {"campaign", StrOrNull(s.campaign)},
                   {"shards", s.shards},
                   {"site", StrOrNull(s.site)},
                   {"scanner_host", StrOrNull(s.scanner_host)},
                   {"command_line", s.command_line},
                   {"targets", s.targets},
                   {"ports", s.ports},
                   {"target_count", s.target_count},
                   {"targets_done", s.targets_done},
                   {"open_ports", s.open_ports},
                   {"amt", s.amt_found},
                   {"vulnerable", s.vulnerable},
                   {"observations", s.observations},
                   {"machines", s.machines}});
  }
  return out;
}

std::string ScansToText(const std::vector<ScanRecord>& scans) {
  if (scans.empty()) return "No scans recorded yet.\n";
  auto source = [](const ScanRecord& s) {
    return s.campaign.empty() ? PrintableLine(s.source)
                              : "campaign:" + PrintableLine(s.campaign);
  };
  size_t width = 16;  // campaign names can be longer: the column grows
  for (const ScanRecord& s : scans) width = std::max(width, source(s).size());
  std::string out = fmt::format(
      "{:<6} {:<11} {:<19} {:<{}} {:<10} {:>6} {:>5} {:>5}\n", "ID", "STATUS",
      "START", "SOURCE", width, "SITE", "OPEN", "AMT", "VULN");
  for (const ScanRecord& s : scans) {
    out += fmt::format(
        "{:<6} {:<11} {:<19} {:<{}} {:<10} {:>6} {:>5} {:>5}\n", s.id,
        ToString(s.status), ShortTime(s.start), source(s), width, Dash(s.site),
        std::max(s.open_ports, s.observations), s.amt_found, s.vulnerable);
  }
  return out;
}

namespace {

// Calls fn(i, row) for shard i = 1..N of the campaign, row null for a shard
// no process has claimed yet ("waiting"). `shards` is sorted by shard.
void ForEachShard(const ScanRecord& scan,
                  const std::vector<ShardRecord>& shards,
                  const std::function<void(uint32_t, const ShardRecord*)>& fn) {
  size_t next = 0;
  for (uint32_t i = 1; i <= scan.shards; ++i) {
    bool claimed = next < shards.size() && shards[next].shard == i;
    fn(i, claimed ? &shards[next++] : nullptr);
  }
}

Json ShardToJson(uint32_t i, const ShardRecord& s) {
  return {{"shard", i},
          {"status", ToString(s.status)},
          {"holder", StrOrNull(s.holder)},
          {"lease_until",
           s.holder.empty() ? Json(nullptr) : TimeOrNull(s.lease_until)},
          {"started", TimeOrNull(s.started)},
          {"updated", TimeOrNull(s.updated)},
          {"end", TimeOrNull(s.end)},
          {"total", s.total},
          {"done", s.done},
          {"targets_done", s.targets_done},
          {"open_ports", s.open_ports},
          {"amt", s.amt_found},
          {"vulnerable", s.vulnerable}};
}

}  // namespace

Json CampaignToJson(const ScanRecord& scan,
                    const std::vector<ShardRecord>& shards) {
  Json rows = Json::array();
  ForEachShard(scan, shards, [&](uint32_t i, const ShardRecord* s) {
    rows.push_back(s ? ShardToJson(i, *s)
                     : Json{{"shard", i}, {"status", "waiting"}});
  });
  Json out = ScansToJson({scan})[0];
  out["shard_progress"] = std::move(rows);
  return out;
}

std::string CampaignToText(const ScanRecord& scan,
                           const std::vector<ShardRecord>& shards) {
  std::string out = fmt::format(
      "Campaign {} (scan {}): {}, {} shards, {} observations stored\n",
      PrintableLine(scan.campaign), scan.id, ToString(scan.status), scan.shards,
      scan.observations);
  out += fmt::format("{:<7} {:<11} {:>19} {:>5} {:>6} {:>5} {:>5}  {:<19} {}\n",
                     "SHARD", "STATUS", "DONE/TOTAL", "PCT", "OPEN", "AMT",
                     "VULN", "UPDATED", "HOLDER");
  ForEachShard(scan, shards, [&](uint32_t i, const ShardRecord* s) {
    std::string shard = fmt::format("{}/{}", i, scan.shards);
    if (!s) {
      out += fmt::format("{:<7} waiting\n", shard);
      return;
    }
    out += fmt::format(
        "{:<7} {:<11} {:>19} {:>4}% {:>6} {:>5} {:>5}  {:<19} {}\n", shard,
        ToString(s->status), fmt::format("{}/{}", s->done, s->total),
        s->total == 0 ? 0 : s->done * 100 / s->total, s->open_ports,
        s->amt_found, s->vulnerable, ShortTime(s->updated), Dash(s->holder));
  });
  return out;
}

Json DevicesToJson(const std::vector<Device>& devices) {
  Json out = Json::array();
  for (const Device& d : devices) {
    out.push_back({{"device", d.id},
                   {"ip", d.ip},
                   {"port", d.port},
                   {"verdict", ToString(d.verdict)},
                   {"product", StrOrNull(d.product)},
                   {"version", StrOrNull(d.version)},
                   {"realm", StrOrNull(d.realm)},
                   {"cert_sha256", StrOrNull(d.cert_sha256)},
                   {"site", StrOrNull(d.site)},
                   {"first_seen", TimeOrNull(d.first_seen)},
                   {"last_seen", TimeOrNull(d.last_seen)},
                   {"first_vulnerable", TimeOrNull(d.first_vulnerable)},
                   {"first_fixed", TimeOrNull(d.first_fixed)},
                   {"last_scan", d.last_scan_id}});
  }
  return out;
}

std::string DevicesToText(const std::vector<Device>& devices) {
  if (devices.empty()) return "No devices.\n";
  std::string out = fmt::format("{:<6} {:<22} {:<15} {:<14} {:<19} {:<19} {}\n",
                                "ID", "ADDRESS", "VERDICT", "VERSION",
                                "FIRST SEEN", "LAST SEEN", "SITE");
  for (const Device& d : devices) {
    out += fmt::format("{:<6} {:<22} {:<15} {:<14} {:<19} {:<19} {}\n", d.id,
                       fmt::format("{}:{}", d.ip, d.port), ToString(d.verdict),
                       Dash(d.version), ShortTime(d.first_seen),
                       ShortTime(d.last_seen), Dash(d.site));
  }
  return out;
}

std::string DiffToText(const ScanDiff& d) {
  std::string out =
      fmt::format("Changes from scan {} to scan {}:\n", d.from_scan, d.to_scan);
  size_t before = out.size();
  ItemLines("New", d.added, &out);
  ItemLines("Fixed", d.fixed, &out);
  ItemLines("Regressed", d.regressed, &out);
  ItemLines("Still vulnerable", d.still_vulnerable, &out);
  ItemLines("Gone", d.gone, &out);
  ItemLines("Moved", d.moved, &out);
  if (out.size() == before) out += "  no changes\n";
  return out;
}

}  // namespace amtscope::cli
