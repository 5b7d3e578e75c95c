#include "advisory/advisory_db.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "advisory/advisory_json.h"
#include "advisory/verdict_engine.h"
#include "core/bounded_file.h"
#include "core/embedded.h"

namespace amtscope {

namespace {

const JsonSource& Source() {
  static const JsonSource source{
      "advisory database",
      "fix that field (schema in data/README.md) or drop --advisories to use "
      "the built-in database"};
  return source;
}

// "INTEL-SA-00075", "sa-00075", "00075" and "75" all give "75".
std::string IdKey(std::string_view id) {
  std::string upper(id);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  std::string_view s = upper;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.starts_with("INTEL-")) s.remove_prefix(6);
  if (s.starts_with("SA-")) s.remove_prefix(3);
  while (s.size() > 1 && s.front() == '0') s.remove_prefix(1);
  return std::string(s);
}

}  // namespace

Result<AdvisoryDb> AdvisoryDb::Embedded() {
  return FromJson(embedded::AdvisoriesJson());
}

Result<AdvisoryDb> AdvisoryDb::FromJson(std::string_view json) {
  AMTSCOPE_ASSIGN_OR_RETURN(nlohmann::json doc, ParseJsonText(json, Source()));
  const nlohmann::json* list = &doc;
  if (doc.is_object()) {
    AMTSCOPE_ASSIGN_OR_RETURN(JsonFields top,
                              JsonFields::Of(doc, "", Source()));
    list = top.Get("advisories");
    if (list == nullptr) return top.Error("advisories", "missing");
  }
  if (!list->is_array()) {
    return Status::Corruption(
        "advisory database: advisories: expected an array of advisories",
        Source().hint);
  }
  AdvisoryDb db;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string path = fmt::format("advisories[{}]", i);
    AMTSCOPE_ASSIGN_OR_RETURN(Advisory a,
                              AdvisoryFromJson((*list)[i], path, Source()));
    if (!seen.insert(IdKey(a.id)).second) {
      return Status::Corruption(
          fmt::format("advisory database: {}.id: duplicate id {}", path, a.id),
          Source().hint);
    }
    db.advisories_.push_back(std::move(a));
  }
  return db;
}

Result<AdvisoryDb> AdvisoryDb::Load(const std::string& path) {
  if (path.empty()) return Embedded();
  auto text = ReadBoundedFile(path, kMaxJsonInputBytes, "advisory database");
  if (!text.ok()) {
    constexpr std::string_view kHint =
        "check the --advisories path, or drop it to use the built-in database";
    return text.status().code() == StatusCode::kNotFound
               ? Status::NotFound(text.status().message(), kHint)
               : Status::InvalidArgument(text.status().message(), kHint);
  }
  auto db = FromJson(*text);
  if (!db.ok()) return db.status().WithContext(Excerpt(path, 200));
  return db;
}

const Advisory* AdvisoryDb::Find(std::string_view id) const {
  const std::string key = IdKey(id);
  if (key.empty()) return nullptr;
  for (const Advisory& a : advisories_) {
    if (IdKey(a.id) == key) return &a;
  }
  // A CVE names the advisory that lists it (the first, in database order).
  for (const Advisory& a : advisories_) {
    for (const std::string& cve : a.cves) {
      if (IdKey(cve) == key) return &a;
    }
  }
  return nullptr;
}

std::vector<AdvisoryVerdict> AdvisoryDb::Evaluate(
    const DeviceFacts& facts) const {
  std::vector<AdvisoryVerdict> out;
  out.reserve(advisories_.size());
  for (const Advisory& a : advisories_) out.push_back(Evaluate(a, facts));
  return out;
}

AdvisoryVerdict AdvisoryDb::Evaluate(const Advisory& advisory,
                                     const DeviceFacts& facts) const {
  return EvaluateAdvisory(advisory, facts);
}

}  // namespace amtscope
