#include "cli/advisories_render.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "advisory/advisory_json.h"

namespace amtscope::cli {

namespace {

using nlohmann::json;
using Rows = std::vector<std::vector<std::string>>;

// Left-aligned columns two spaces apart; the last column is not padded.
std::string Table(const Rows& rows, std::string_view indent = "") {
  std::vector<std::size_t> width;
  for (const auto& row : rows) {
    width.resize(std::max(width.size(), row.size()));
    for (std::size_t i = 0; i < row.size(); ++i) {
      width[i] = std::max(width[i], row[i].size());
    }
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line(indent);
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += i + 1 < row.size() ? fmt::format("{:<{}}  ", row[i], width[i])
                                 : row[i];
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string Join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

std::string SkuNames(const std::vector<Sku>& skus) {
  std::vector<std::string> names;
  names.reserve(skus.size());
  for (Sku sku : skus) names.emplace_back(ToString(sku));
  return Join(names, "/");
}

std::string Cvss(double cvss) {
  return cvss > 0 ? fmt::format("{:.1f}", cvss) : "-";
}

std::string CveCell(const std::vector<std::string>& cves) {
  if (cves.empty()) return "-";
  if (cves.size() == 1) return cves.front();
  return fmt::format("{} (+{})", cves.front(), cves.size() - 1);
}

std::string VectorsText(const Advisory& a) {
  std::vector<std::string> parts;
  for (const AdvisoryVector& v : a.vectors) {
    std::string text(ToString(v.vector));
    if (v.cvss > 0) text += fmt::format(" {:.1f}", v.cvss);
    if (!v.skus.empty()) text += " on " + SkuNames(v.skus);
    if (v.requires_provisioning) text += ", provisioned only";
    if (!v.note.empty()) text += " (" + v.note + ")";
    parts.push_back(text);
  }
  return Join(parts, "; ");
}

std::string RangeStatusText(const AffectedRange& r) {
  if (!r.exact.empty()) {
    std::vector<std::string> v;
    for (const auto& e : r.exact) v.push_back(e.ToString());
    return "only " + Join(v, ", ");
  }
  if (r.affected_builds) {
    return fmt::format("builds {}-{} only", r.affected_builds->first,
                       r.affected_builds->second);
  }
  switch (r.status) {
    case RangeStatus::kNoFix:
      return "no fix";
    case RangeStatus::kFixUnknown:
      return "fix not known";
    case RangeStatus::kFixed:
      break;
  }
  return "below " + r.fixed->ToString();
}

std::string RangesTable(const Advisory& a) {
  Rows rows = {{"LINES", "AFFECTED", "ALSO FIXED", "SKUS", "NOTE"}};
  for (const AffectedRange& r : a.ranges) {
    std::vector<std::string> alts;
    for (const auto& v : r.alternatives) alts.push_back(v.ToString());
    rows.push_back({r.lines, RangeStatusText(r),
                    alts.empty() ? "-" : Join(alts, ", "),
                    r.skus.empty() ? "all" : SkuNames(r.skus),
                    r.note.empty() ? "" : r.note});
  }
  return Table(rows, "  ");
}

std::string ShowText(const Advisory& a) {
  std::string out = fmt::format("{}  {}\n", a.id, a.title);
  Rows rows = {{"CVEs:", Join(a.cves, ", ")},
               {"Published:", a.date},
               {"CVSS:", Cvss(a.cvss)},
               {"Vectors:", VectorsText(a)},
               {"Component:", a.component},
               {"SKUs:", "affected " + SkuNames(a.affected_skus)}};
  for (const auto& [sku, reason] : a.unaffected_skus) {
    rows.push_back(
        {"", fmt::format("not affected {}: {}", ToString(sku), reason)});
  }
  rows.push_back({"Affected:", a.affected_as_stated});
  rows.push_back({"Fixed:", a.fixed_as_stated});
  if (a.fixed_build_min) {
    rows.push_back({"Build rule:",
                    fmt::format("fixed builds have build >= {} on older "
                                "hotfixes too, bounded by each line's fixed "
                                "build (see data/README.md)",
                                *a.fixed_build_min)});
  }
  rows.push_back({"Summary:", a.summary});
  if (!a.notes.empty()) rows.push_back({"Notes:", a.notes});
  out += Table(rows, "  ");
  out += "  Ranges (versions compare only within a major.minor line):\n";
  out += RangesTable(a);
  out += "  Sources:\n";
  for (const std::string& s : a.sources) out += "    - " + s + "\n";
  return out;
}

Result<DeviceFacts> ParseFacts(const MatchQuery& q) {
  DeviceFacts facts;
  AMTSCOPE_ASSIGN_OR_RETURN(facts.version, FirmwareVersion::Parse(q.version));
  if (!q.sku.empty()) {
    AMTSCOPE_ASSIGN_OR_RETURN(facts.sku, ParseSku(q.sku));
  }
  if (q.provisioned == "yes" || q.provisioned == "true") {
    facts.provisioned = true;
  } else if (q.provisioned == "no" || q.provisioned == "false") {
    facts.provisioned = false;
  } else if (!q.provisioned.empty()) {
    return Status::InvalidArgument(
        fmt::format("--provisioned must be yes or no, not \"{}\"",
                    q.provisioned),
        "leave it out when the provisioning state is not known");
  }
  return facts;
}

std::string MatchHeader(const MatchQuery& q, const DeviceFacts& facts) {
  return fmt::format(
      "Firmware {} (SKU {}, provisioning {})\n",
      facts.version.known() ? facts.version.ToString() : "unknown (bare AMT)",
      ToString(facts.sku),
      q.provisioned.empty() ? "unknown" : (*facts.provisioned ? "yes" : "no"));
}

}  // namespace

std::string RenderAdvisoryList(const AdvisoryDb& db, bool json_out) {
  if (json_out) {
    json all = json::array();
    for (const Advisory& a : db.advisories()) all.push_back(ToJson(a));
    return all.dump(2) + "\n";
  }
  Rows rows = {{"ID", "DATE", "CVSS", "VECTOR", "SKUS", "CVES", "TITLE"}};
  for (const Advisory& a : db.advisories()) {
    rows.push_back({a.id, a.date, Cvss(a.cvss),
                    std::string(ToString(a.primary_vector())),
                    SkuNames(a.affected_skus), CveCell(a.cves), a.title});
  }
  return Table(rows) +
         fmt::format("{} advisories. Details: amtscope advisories show ID\n",
                     db.advisories().size());
}

Result<std::string> RenderAdvisoryShow(const AdvisoryDb& db,
                                       std::string_view id, bool json_out) {
  const Advisory* a = db.Find(id);
  if (a == nullptr) {
    return Status::NotFound(fmt::format("no advisory \"{}\"", id),
                            "amtscope advisories list shows the known ids");
  }
  if (json_out) return ToJson(*a).dump(2) + "\n";
  return ShowText(*a);
}

Result<std::string> RenderAdvisoryMatch(const AdvisoryDb& db,
                                        const MatchQuery& query,
                                        bool json_out) {
  AMTSCOPE_ASSIGN_OR_RETURN(DeviceFacts facts, ParseFacts(query));
  std::vector<AdvisoryVerdict> verdicts = db.Evaluate(facts);
  if (json_out) {
    json all = json::array();
    for (std::size_t i = 0; i < verdicts.size(); ++i) {
      json item = ToJson(verdicts[i]);
      item["title"] = db.advisories()[i].title;
      item["cves"] = db.advisories()[i].cves;
      all.push_back(item);
    }
    return all.dump(2) + "\n";
  }
  Rows rows = {{"ADVISORY", "VERDICT", "REASON"}};
  int counts[3] = {0, 0, 0};
  for (const AdvisoryVerdict& v : verdicts) {
    rows.push_back({v.id, std::string(ToString(v.verdict)), v.reason});
    ++counts[static_cast<int>(v.verdict)];
  }
  return MatchHeader(query, facts) + Table(rows) +
         fmt::format("{} vulnerable, {} unknown, {} not-vulnerable\n",
                     counts[0], counts[2], counts[1]);
}

namespace {

// The advisories whose lines include this build, and the verdict for it.
std::vector<AdvisoryVerdict> RelevantVerdicts(const AdvisoryDb& db,
                                              const std::string& me_version) {
  std::vector<AdvisoryVerdict> out;
  auto version = FirmwareVersion::Parse(me_version);
  if (!version.ok() || !version->known()) return out;
  for (const Advisory& a : db.advisories()) {
    bool listed = std::any_of(
        a.ranges.begin(), a.ranges.end(),
        [&](const AffectedRange& r) { return r.ContainsLine(*version); });
    if (listed) out.push_back(db.Evaluate(a, DeviceFacts{*version}));
  }
  return out;
}

std::string FixLine(const VendorFix& f) {
  std::vector<std::string> parts;
  if (!f.me_version.empty()) parts.push_back("ME " + f.me_version);
  if (!f.bios_version.empty()) parts.push_back("BIOS " + f.bios_version);
  if (!f.status.empty()) parts.push_back(f.status);
  if (!f.date.empty()) parts.push_back("date " + f.date);
  return Join(parts, ", ");
}

// A model number alone ("850") names a family: each member's fix, one row
// per model, so the user need not look each one up.
std::string SuggestionTable(const VendorDb& vdb, const LookupQuery& q,
                            const VendorLookup& got) {
  Rows rows = {{"MODEL", q.advisory + " FIX", "DOWNLOAD"}};
  for (const std::string& model : got.suggestions) {
    VendorLookup one = vdb.Lookup(got.vendor, model);
    const VendorFix* f = one.model_known ? FixFor(one, q.advisory) : nullptr;
    rows.push_back({VendorModelName(got.vendor, model),
                    f == nullptr ? "no row" : FixLine(*f),
                    f == nullptr || f->url.empty() ? "-" : f->url});
  }
  return Table(rows, "  ");
}

std::string LookupText(const AdvisoryDb& adb, const VendorDb& vdb,
                       const LookupQuery& q, const VendorLookup& got) {
  std::string out;
  if (!got.model_known && !got.suggestions.empty() && got.vendor_known) {
    out += fmt::format("Model \"{}\" names {} {} models:\n", q.model,
                       got.suggestions.size(), got.vendor);
    out += SuggestionTable(vdb, q, got);
    out += "Details: amtscope lookup --vendor " + got.vendor +
           " --model \"MODEL\"\n";
    return out;
  }
  if (!got.model_known) {
    out +=
        fmt::format("Model \"{}\" is not in the vendor database{}.\n", q.model,
                    got.vendor_known ? " (" + got.vendor + ")" : "");
    if (!got.vendor_known && !q.vendor.empty()) {
      out += fmt::format("Vendor \"{}\" is not known either.\n", q.vendor);
    }
    if (!got.suggestions.empty()) {
      out += "Close matches: " + Join(got.suggestions, "; ") + "\n";
    }
    for (const std::string& url : got.advisory_urls) {
      out += "Vendor advisory: " + url + "\n";
    }
    out +=
        "Check the ME version with `amtscope check` or the vendor's "
        "advisory.\n";
    return out;
  }
  out += fmt::format("{} ({} match, {} row{})\n",
                     VendorModelName(got.vendor, got.fixes.front().model),
                     got.match, got.fixes.size(),
                     got.fixes.size() == 1 ? "" : "s");
  if (const VendorFix* f = FixFor(got, q.advisory)) {
    out += fmt::format("{} fix: {}\n  download: {}\n  source: {}\n", q.advisory,
                       FixLine(*f), f->url.empty() ? "-" : f->url, f->source);
  } else {
    out += fmt::format("{} fix: no row for this advisory\n", q.advisory);
  }
  if (const VendorFix* latest = LatestMeFix(got)) {
    out += fmt::format("Latest ME build listed: {} ({})\n", latest->me_version,
                       latest->date);
    Rows rows = {{"ADVISORY", "VERDICT", "REASON"}};
    for (const AdvisoryVerdict& v : RelevantVerdicts(adb, latest->me_version)) {
      rows.push_back({v.id, std::string(ToString(v.verdict)), v.reason});
    }
    out += fmt::format("Advisories for ME {}:\n", latest->me_version);
    out += Table(rows, "  ");
  }
  out += "All rows:\n";
  Rows rows = {{"DATE", "ADVISORY", "ME BUILD", "BIOS", "STATUS", "DOWNLOAD"}};
  for (const VendorFix& f : got.fixes) {
    rows.push_back({f.date.empty() ? "-" : f.date,
                    f.advisory.empty() ? "-" : f.advisory,
                    f.me_version.empty() ? "-" : f.me_version,
                    f.bios_version.empty() ? "-" : f.bios_version, f.status,
                    f.url.empty() ? "-" : f.url});
  }
  out += Table(rows, "  ");
  if (!got.fixes.front().notes.empty()) {
    out += "Note: " + got.fixes.front().notes + "\n";
  }
  for (const std::string& url : got.advisory_urls) {
    out += "Vendor advisory: " + url + "\n";
  }
  return out;
}

}  // namespace

Result<std::string> RenderLookup(const AdvisoryDb& advisories,
                                 const VendorDb& vendors,
                                 const LookupQuery& query, bool json_out) {
  if (query.model.empty()) {
    return Status::InvalidArgument("--model is empty",
                                   "give the model as the vendor names it, "
                                   "e.g. --model \"HP EliteBook 850 G3\"");
  }
  if (advisories.Find(query.advisory) == nullptr) {
    return Status::NotFound(fmt::format("no advisory \"{}\"", query.advisory),
                            "amtscope advisories list shows the known ids");
  }
  LookupQuery q = query;
  q.advisory = advisories.Find(query.advisory)->id;
  VendorLookup got = vendors.Lookup(q.vendor, q.model);
  if (!json_out) return LookupText(advisories, vendors, q, got);
  json out = ToJson(got);
  out["query"] = {{"vendor", query.vendor}, {"model", query.model}};
  for (std::size_t i = 0; i < got.fixes.size(); ++i) {
    json verdicts = json::array();
    for (const auto& v :
         RelevantVerdicts(advisories, got.fixes[i].me_version)) {
      verdicts.push_back(ToJson(v));
    }
    out["fixes"][i]["advisories"] = verdicts;
  }
  const VendorFix* f = FixFor(got, q.advisory);
  out["advisory"] = q.advisory;
  out["advisory_fix"] = f ? ToJson(*f) : json(nullptr);
  const VendorFix* latest = LatestMeFix(got);
  out["latest_me_fix"] = latest ? ToJson(*latest) : json(nullptr);
  return out.dump(2) + "\n";
}

}  // namespace amtscope::cli
