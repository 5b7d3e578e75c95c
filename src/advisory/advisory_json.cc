#include "advisory/advisory_json.h"

#include <fmt/format.h>

#include <charconv>

namespace amtscope {

namespace {

using nlohmann::json;

constexpr int kAnyMinor = 65535;

// "6.0", "11.x" or "8" (= "8.x"); `upper` picks the end of an "x" line.
std::optional<Line> ParseLineSpec(std::string_view text, bool upper) {
  auto number = [](std::string_view s, int& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size() && !s.empty() &&
           out >= 0 && out <= kAnyMinor;
  };
  Line line;
  auto dot = text.find('.');
  std::string_view minor =
      dot == std::string_view::npos ? "x" : text.substr(dot + 1);
  if (!number(text.substr(0, dot), line.major)) return std::nullopt;
  if (minor == "x") {
    line.minor = upper ? kAnyMinor : 0;
  } else if (!number(minor, line.minor)) {
    return std::nullopt;
  }
  return line;
}

Status ParseLines(const JsonFields& f, AffectedRange& range) {
  AMTSCOPE_ASSIGN_OR_RETURN(range.lines, f.String("lines"));
  std::string_view text = range.lines;
  auto dash = text.find('-');
  std::string_view first = text.substr(0, dash);
  std::string_view last =
      dash == std::string_view::npos ? first : text.substr(dash + 1);
  auto from = ParseLineSpec(first, false);
  auto to = ParseLineSpec(last, true);
  if (!from || !to || *to < *from) {
    return f.Error("lines", fmt::format("\"{}\" is not a line span like "
                                        "\"6.0-6.2\", \"9.5\" or \"3.x-8.x\"",
                                        range.lines));
  }
  range.from = *from;
  range.to = *to;
  return Status::Ok();
}

Result<FirmwareVersion> ParseVersion(const JsonFields& f,
                                     const std::string& key,
                                     const std::string& text, int min_parts) {
  auto parsed = FirmwareVersion::Parse(text);
  if (!parsed.ok()) return f.Error(key, parsed.status().message());
  if (parsed->parts() < min_parts) {
    return f.Error(
        key, fmt::format("\"{}\" needs at least {} parts", text, min_parts));
  }
  return *parsed;
}

Result<std::vector<FirmwareVersion>> ParseVersions(const JsonFields& f,
                                                   std::string_view key,
                                                   int min_parts) {
  AMTSCOPE_ASSIGN_OR_RETURN(std::vector<std::string> texts, f.Strings(key));
  std::vector<FirmwareVersion> out;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    AMTSCOPE_ASSIGN_OR_RETURN(
        FirmwareVersion v,
        ParseVersion(f, fmt::format("{}[{}]", key, i), texts[i], min_parts));
    out.push_back(v);
  }
  return out;
}

Result<std::vector<Sku>> ParseSkus(const JsonFields& f, std::string_view key) {
  AMTSCOPE_ASSIGN_OR_RETURN(std::vector<std::string> texts, f.Strings(key));
  std::vector<Sku> out;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    auto sku = ParseSku(texts[i]);
    if (!sku.ok()) {
      return f.Error(fmt::format("{}[{}]", key, i), sku.status().message());
    }
    out.push_back(*sku);
  }
  return out;
}

Status ParseRangeFix(const JsonFields& f, AffectedRange& r) {
  AMTSCOPE_ASSIGN_OR_RETURN(std::string fixed, f.OptString("fixed"));
  AMTSCOPE_ASSIGN_OR_RETURN(std::string status, f.OptString("status"));
  if (!fixed.empty()) {
    AMTSCOPE_ASSIGN_OR_RETURN(r.fixed, ParseVersion(f, "fixed", fixed, 3));
  }
  if (status.empty() || status == "fixed") {
    r.status = RangeStatus::kFixed;
  } else if (status == "no-fix") {
    r.status = RangeStatus::kNoFix;
  } else if (status == "fix-unknown") {
    r.status = RangeStatus::kFixUnknown;
  } else {
    return f.Error("status", "use fixed, no-fix or fix-unknown");
  }
  AMTSCOPE_ASSIGN_OR_RETURN(r.alternatives,
                            ParseVersions(f, "alternatives", 4));
  AMTSCOPE_ASSIGN_OR_RETURN(r.exact, ParseVersions(f, "exact", 4));
  bool needs_fix = r.status == RangeStatus::kFixed && r.exact.empty();
  if (const json* b = f.Get("affected_builds")) {
    if (!b->is_array() || b->size() != 2 || !(*b)[0].is_number_integer() ||
        !(*b)[1].is_number_integer() || (*b)[0] > (*b)[1]) {
      return f.Error("affected_builds", "expected [first, last] build numbers");
    }
    r.affected_builds = std::pair((*b)[0].get<int>(), (*b)[1].get<int>());
    needs_fix = false;
  }
  if (needs_fix && !r.fixed) {
    return f.Error("fixed",
                   "missing: give the first fixed version, or "
                   "\"status\": \"no-fix\" / \"fix-unknown\"");
  }
  if (r.fixed && (Line{r.fixed->major(), r.fixed->minor()} < r.from ||
                  r.to < Line{r.fixed->major(), r.fixed->minor()})) {
    return f.Error("fixed", fmt::format("{} is outside the lines {}",
                                        r.fixed->ToString(), r.lines));
  }
  return Status::Ok();
}

Result<AffectedRange> ParseRange(const json& value, const std::string& path,
                                 const JsonSource& source) {
  AMTSCOPE_ASSIGN_OR_RETURN(JsonFields f, JsonFields::Of(value, path, source));
  AffectedRange r;
  AMTSCOPE_RETURN_IF_ERROR(ParseLines(f, r));
  AMTSCOPE_RETURN_IF_ERROR(ParseRangeFix(f, r));
  AMTSCOPE_ASSIGN_OR_RETURN(r.skus, ParseSkus(f, "skus"));
  AMTSCOPE_ASSIGN_OR_RETURN(r.cves, f.Strings("cves"));
  AMTSCOPE_ASSIGN_OR_RETURN(r.note, f.OptString("note"));
  AMTSCOPE_ASSIGN_OR_RETURN(r.source, f.OptString("source"));
  return r;
}

Result<AdvisoryVector> ParseVector(const json& value, const std::string& path,
                                   const JsonSource& source) {
  AMTSCOPE_ASSIGN_OR_RETURN(JsonFields f, JsonFields::Of(value, path, source));
  AdvisoryVector v;
  AMTSCOPE_ASSIGN_OR_RETURN(std::string name, f.String("vector"));
  auto parsed = ParseAttackVector(name);
  if (!parsed.ok()) return f.Error("vector", parsed.status().message());
  v.vector = *parsed;
  AMTSCOPE_ASSIGN_OR_RETURN(std::optional<double> cvss, f.OptNumber("cvss"));
  v.cvss = cvss.value_or(0);
  AMTSCOPE_ASSIGN_OR_RETURN(v.skus, ParseSkus(f, "skus"));
  AMTSCOPE_ASSIGN_OR_RETURN(v.requires_provisioning,
                            f.OptBool("requires_provisioning", false));
  AMTSCOPE_ASSIGN_OR_RETURN(v.note, f.OptString("note"));
  return v;
}

template <typename T, typename Fn>
Result<std::vector<T>> ParseArray(const JsonFields& f, std::string_view key,
                                  bool required, Fn parse) {
  std::vector<T> out;
  const json* items = f.Get(key);
  if (items == nullptr) {
    if (required) return f.Error(key, "missing (an array is required)");
    return out;
  }
  if (!items->is_array()) return f.Error(key, "expected an array");
  for (std::size_t i = 0; i < items->size(); ++i) {
    AMTSCOPE_ASSIGN_OR_RETURN(
        T item, parse((*items)[i], fmt::format("{}[{}]", f.PathOf(key), i)));
    out.push_back(std::move(item));
  }
  return out;
}

Status ParseSkuScope(const JsonFields& adv, Advisory& a,
                     const JsonSource& source) {
  const json* skus = adv.Get("skus");
  if (skus == nullptr) return adv.Error("skus", "missing (\"affected\" list)");
  AMTSCOPE_ASSIGN_OR_RETURN(JsonFields f,
                            JsonFields::Of(*skus, adv.PathOf("skus"), source));
  AMTSCOPE_ASSIGN_OR_RETURN(a.affected_skus, ParseSkus(f, "affected"));
  if (a.affected_skus.empty()) return f.Error("affected", "needs a SKU");
  if (const json* not_affected = f.Get("not_affected")) {
    AMTSCOPE_ASSIGN_OR_RETURN(
        JsonFields n,
        JsonFields::Of(*not_affected, f.PathOf("not_affected"), source));
    for (const auto& [name, reason] : not_affected->items()) {
      auto sku = ParseSku(name);
      if (!sku.ok()) return n.Error(name, sku.status().message());
      AMTSCOPE_ASSIGN_OR_RETURN(std::string text, n.String(name));
      a.unaffected_skus[*sku] = text;
    }
  }
  return Status::Ok();
}

Status ParseBuildRule(const JsonFields& adv, Advisory& a,
                      const JsonSource& source) {
  const json* rule = adv.Get("build_rule");
  if (rule == nullptr) return Status::Ok();
  AMTSCOPE_ASSIGN_OR_RETURN(
      JsonFields f, JsonFields::Of(*rule, adv.PathOf("build_rule"), source));
  const json* min = f.Get("min_build");
  if (min == nullptr || !min->is_number_integer() || *min < 0) {
    return f.Error("min_build", "expected a build number such as 3000");
  }
  a.fixed_build_min = min->get<int>();
  AMTSCOPE_ASSIGN_OR_RETURN(a.build_rule_source, f.OptString("source"));
  return Status::Ok();
}

Status ParseText(const JsonFields& f, Advisory& a) {
  AMTSCOPE_ASSIGN_OR_RETURN(a.id, f.String("id"));
  AMTSCOPE_ASSIGN_OR_RETURN(a.title, f.String("title"));
  AMTSCOPE_ASSIGN_OR_RETURN(a.summary, f.OptString("summary"));
  AMTSCOPE_ASSIGN_OR_RETURN(a.cves, f.Strings("cves"));
  AMTSCOPE_ASSIGN_OR_RETURN(a.date, f.String("date"));
  AMTSCOPE_ASSIGN_OR_RETURN(std::optional<double> cvss, f.OptNumber("cvss"));
  a.cvss = cvss.value_or(0);
  AMTSCOPE_ASSIGN_OR_RETURN(a.component, f.OptString("component"));
  AMTSCOPE_ASSIGN_OR_RETURN(a.affected_as_stated,
                            f.OptString("affected_as_stated"));
  AMTSCOPE_ASSIGN_OR_RETURN(a.fixed_as_stated, f.OptString("fixed_as_stated"));
  AMTSCOPE_ASSIGN_OR_RETURN(a.sources, f.Strings("sources"));
  if (a.sources.empty())
    return f.Error("sources", "every advisory needs a source");
  AMTSCOPE_ASSIGN_OR_RETURN(a.notes, f.OptString("notes"));
  AMTSCOPE_ASSIGN_OR_RETURN(std::string outside, f.OptString("outside"));
  if (outside == "unknown") {
    a.outside = Verdict::kUnknown;
  } else if (!outside.empty() && outside != "not-vulnerable") {
    return f.Error("outside", "use not-vulnerable or unknown");
  }
  return Status::Ok();
}

json SkusJson(const std::vector<Sku>& skus) {
  json out = json::array();
  for (Sku sku : skus) out.push_back(std::string(ToString(sku)));
  return out;
}

json VersionsJson(const std::vector<FirmwareVersion>& versions) {
  json out = json::array();
  for (const FirmwareVersion& v : versions) out.push_back(v.ToString());
  return out;
}

json RangeJson(const AffectedRange& r) {
  json out = {{"lines", r.lines}};
  static constexpr std::string_view kStatus[] = {"fixed", "no-fix",
                                                 "fix-unknown"};
  out["status"] = kStatus[static_cast<int>(r.status)];
  if (r.fixed) out["fixed"] = r.fixed->ToString();
  if (!r.alternatives.empty())
    out["alternatives"] = VersionsJson(r.alternatives);
  if (!r.exact.empty()) out["exact"] = VersionsJson(r.exact);
  if (r.affected_builds) {
    out["affected_builds"] = {r.affected_builds->first,
                              r.affected_builds->second};
  }
  if (!r.skus.empty()) out["skus"] = SkusJson(r.skus);
  if (!r.cves.empty()) out["cves"] = r.cves;
  if (!r.note.empty()) out["note"] = r.note;
  if (!r.source.empty()) out["source"] = r.source;
  return out;
}

json VectorJson(const AdvisoryVector& v) {
  json out = {{"vector", std::string(ToString(v.vector))}, {"cvss", v.cvss}};
  if (!v.skus.empty()) out["skus"] = SkusJson(v.skus);
  out["requires_provisioning"] = v.requires_provisioning;
  if (!v.note.empty()) out["note"] = v.note;
  return out;
}

}  // namespace

Result<Advisory> AdvisoryFromJson(const json& value, const std::string& path,
                                  const JsonSource& source) {
  AMTSCOPE_ASSIGN_OR_RETURN(JsonFields f, JsonFields::Of(value, path, source));
  Advisory a;
  AMTSCOPE_RETURN_IF_ERROR(ParseText(f, a));
  AMTSCOPE_RETURN_IF_ERROR(ParseSkuScope(f, a, source));
  AMTSCOPE_RETURN_IF_ERROR(ParseBuildRule(f, a, source));
  auto vector = [&](const json& v, const std::string& p) {
    return ParseVector(v, p, source);
  };
  AMTSCOPE_ASSIGN_OR_RETURN(
      a.vectors, ParseArray<AdvisoryVector>(f, "vectors", true, vector));
  if (a.vectors.empty()) return f.Error("vectors", "needs at least one vector");
  auto range = [&](const json& v, const std::string& p) {
    return ParseRange(v, p, source);
  };
  AMTSCOPE_ASSIGN_OR_RETURN(
      a.ranges, ParseArray<AffectedRange>(f, "ranges", true, range));
  return a;
}

json ToJson(const Advisory& a) {
  json out = {{"id", a.id},
              {"title", a.title},
              {"summary", a.summary},
              {"cves", a.cves},
              {"date", a.date},
              {"cvss", a.cvss},
              {"attack_vector", std::string(ToString(a.primary_vector()))},
              {"component", a.component},
              {"affected_as_stated", a.affected_as_stated},
              {"fixed_as_stated", a.fixed_as_stated}};
  json vectors = json::array();
  for (const AdvisoryVector& v : a.vectors) vectors.push_back(VectorJson(v));
  out["vectors"] = vectors;
  json skus = {{"affected", SkusJson(a.affected_skus)}};
  json not_affected = json::object();
  for (const auto& [sku, reason] : a.unaffected_skus) {
    not_affected[std::string(ToString(sku))] = reason;
  }
  skus["not_affected"] = not_affected;
  out["skus"] = skus;
  if (a.fixed_build_min) {
    out["build_rule"] = {{"min_build", *a.fixed_build_min},
                         {"source", a.build_rule_source}};
  }
  out["outside"] = std::string(ToString(a.outside));
  json ranges = json::array();
  for (const AffectedRange& r : a.ranges) ranges.push_back(RangeJson(r));
  out["ranges"] = ranges;
  out["fixed_versions"] = VersionsJson(a.FixedVersions());
  out["sources"] = a.sources;
  if (!a.notes.empty()) out["notes"] = a.notes;
  return out;
}

json ToJson(const AdvisoryVerdict& verdict) {
  return {{"id", verdict.id},
          {"verdict", std::string(ToString(verdict.verdict))},
          {"reason", verdict.reason}};
}

}  // namespace amtscope
