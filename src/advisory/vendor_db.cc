#include "advisory/vendor_db.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "advisory/json_fields.h"
#include "core/bounded_file.h"
#include "core/embedded.h"
#include "core/firmware_version.h"

namespace amtscope {

namespace {

using nlohmann::json;

const JsonSource& Source() {
  static const JsonSource source{
      "vendor database",
      "fix that field (schema in data/README.md) or drop --vendors to use the "
      "built-in database"};
  return source;
}

// Lower case, one space between words, no parenthesised parts, no
// surrounding spaces: "  HP  EliteBook 850 G3 " -> "hp elitebook 850 g3".
std::string Normalize(std::string_view text) {
  std::string out;
  int depth = 0;
  bool space = false;
  for (unsigned char c : text) {
    if (c == '(') ++depth;
    if (depth > 0) {
      if (c == ')') --depth;
      continue;
    }
    if (std::isspace(c) || c == '_') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(c));
  }
  return out;
}

bool StartsWithWord(std::string_view text, std::string_view prefix) {
  return text.size() > prefix.size() && text.starts_with(prefix) &&
         text[prefix.size()] == ' ';
}

// True when `words` occurs in `text` as whole words: "850" in "elitebook
// 850 g3", so a model number alone finds its models.
bool ContainsWords(std::string_view text, std::string_view words) {
  std::string padded = " " + std::string(text) + " ";
  return text.size() > words.size() &&
         padded.find(" " + std::string(words) + " ") != std::string::npos;
}

Result<VendorFix> ParseFix(const json& value, const std::string& path,
                           const std::set<std::string>& vendors) {
  AMTSCOPE_ASSIGN_OR_RETURN(JsonFields f,
                            JsonFields::Of(value, path, Source()));
  VendorFix fix;
  AMTSCOPE_ASSIGN_OR_RETURN(fix.vendor, f.String("vendor"));
  if (!vendors.contains(fix.vendor)) {
    return f.Error(
        "vendor", fmt::format("\"{}\" is not in the vendors list", fix.vendor));
  }
  AMTSCOPE_ASSIGN_OR_RETURN(fix.model, f.String("model"));
  AMTSCOPE_ASSIGN_OR_RETURN(fix.advisory, f.OptString("advisory"));
  AMTSCOPE_ASSIGN_OR_RETURN(fix.me_version, f.OptString("me_version"));
  if (!fix.me_version.empty()) {
    auto v = FirmwareVersion::Parse(fix.me_version);
    if (!v.ok() || !v->known()) {
      return f.Error("me_version", fmt::format("\"{}\" is not a firmware "
                                               "version",
                                               fix.me_version));
    }
  }
  AMTSCOPE_ASSIGN_OR_RETURN(fix.bios_version, f.OptString("bios_version"));
  AMTSCOPE_ASSIGN_OR_RETURN(fix.date, f.OptString("date"));
  AMTSCOPE_ASSIGN_OR_RETURN(fix.url, f.OptString("url"));
  AMTSCOPE_ASSIGN_OR_RETURN(fix.status, f.OptString("status"));
  AMTSCOPE_ASSIGN_OR_RETURN(fix.source, f.String("source"));
  AMTSCOPE_ASSIGN_OR_RETURN(fix.group, f.OptString("group"));
  AMTSCOPE_ASSIGN_OR_RETURN(fix.notes, f.OptString("notes"));
  AMTSCOPE_ASSIGN_OR_RETURN(fix.covers_prefix, f.OptString("covers_prefix"));
  return fix;
}

std::string DateKey(const VendorFix& fix) {
  return !fix.date.empty() &&
                 std::isdigit(static_cast<unsigned char>(fix.date.front()))
             ? fix.date
             : "";
}

}  // namespace

Result<VendorDb> VendorDb::Embedded() {
  return FromJson(embedded::VendorsJson());
}

Result<VendorDb> VendorDb::FromJson(std::string_view text) {
  AMTSCOPE_ASSIGN_OR_RETURN(json doc, ParseJsonText(text, Source()));
  AMTSCOPE_ASSIGN_OR_RETURN(JsonFields top, JsonFields::Of(doc, "", Source()));
  const json* vendors = top.Get("vendors");
  if (vendors == nullptr || !vendors->is_array()) {
    return top.Error("vendors", "missing (an array of vendors is required)");
  }
  VendorDb db;
  std::set<std::string> names;
  for (std::size_t i = 0; i < vendors->size(); ++i) {
    AMTSCOPE_ASSIGN_OR_RETURN(
        JsonFields v,
        JsonFields::Of((*vendors)[i], fmt::format("vendors[{}]", i), Source()));
    VendorInfo info;
    AMTSCOPE_ASSIGN_OR_RETURN(info.name, v.String("name"));
    AMTSCOPE_ASSIGN_OR_RETURN(std::vector<std::string> aliases,
                              v.Strings("aliases"));
    aliases.push_back(info.name);
    for (const std::string& a : aliases) info.aliases.push_back(Normalize(a));
    AMTSCOPE_ASSIGN_OR_RETURN(info.related, v.Strings("related"));
    if (const json* urls = v.Get("advisory_urls")) {
      if (!urls->is_array())
        return v.Error("advisory_urls", "expected an array");
      for (std::size_t j = 0; j < urls->size(); ++j) {
        AMTSCOPE_ASSIGN_OR_RETURN(
            JsonFields u,
            JsonFields::Of((*urls)[j],
                           fmt::format("{}[{}]", v.PathOf("advisory_urls"), j),
                           Source()));
        AMTSCOPE_ASSIGN_OR_RETURN(std::string url, u.String("url"));
        db.advisory_urls_.emplace_back(info.name, url);
      }
    }
    names.insert(info.name);
    db.vendors_.push_back(std::move(info));
  }
  const json* fixes = top.Get("fixes");
  if (fixes == nullptr || !fixes->is_array()) {
    return top.Error("fixes", "missing (an array of rows is required)");
  }
  for (std::size_t i = 0; i < fixes->size(); ++i) {
    AMTSCOPE_ASSIGN_OR_RETURN(
        VendorFix fix,
        ParseFix((*fixes)[i], fmt::format("fixes[{}]", i), names));
    db.fixes_.push_back(std::move(fix));
  }
  return db;
}

Result<VendorDb> VendorDb::Load(const std::string& path) {
  if (path.empty()) return Embedded();
  auto text = ReadBoundedFile(path, kMaxJsonInputBytes, "vendor database");
  if (!text.ok()) {
    constexpr std::string_view kHint =
        "check the --vendors path, or drop it to use the built-in database";
    return text.status().code() == StatusCode::kNotFound
               ? Status::NotFound(text.status().message(), kHint)
               : Status::InvalidArgument(text.status().message(), kHint);
  }
  auto db = FromJson(*text);
  if (!db.ok()) return db.status().WithContext(Excerpt(path, 200));
  return db;
}

std::vector<std::string> VendorDb::vendors() const {
  std::vector<std::string> out;
  for (const VendorInfo& v : vendors_) out.push_back(v.name);
  return out;
}

std::string VendorDb::CanonicalVendor(std::string_view name) const {
  const std::string key = Normalize(name);
  for (const VendorInfo& v : vendors_) {
    if (std::find(v.aliases.begin(), v.aliases.end(), key) != v.aliases.end()) {
      return v.name;
    }
  }
  return "";
}

VendorLookup VendorDb::Lookup(std::string_view vendor,
                              std::string_view model) const {
  VendorLookup out;
  out.vendor = CanonicalVendor(vendor);
  out.vendor_known = !out.vendor.empty();
  // The vendors whose rows may hold this model, and every alias to strip
  // from the front of a model name ("HP EliteBook" -> "elitebook").
  std::set<std::string> scope;
  std::vector<std::string> prefixes;
  for (const VendorInfo& v : vendors_) {
    if (out.vendor_known && v.name != out.vendor) continue;
    scope.insert(v.name);
    scope.insert(v.related.begin(), v.related.end());
  }
  for (const VendorInfo& v : vendors_) {
    if (!scope.contains(v.name)) continue;
    prefixes.insert(prefixes.end(), v.aliases.begin(), v.aliases.end());
  }
  std::sort(prefixes.begin(), prefixes.end(),
            [](const auto& a, const auto& b) { return a.size() > b.size(); });
  auto key_of = [&](std::string_view name) {
    std::string key = Normalize(name);
    for (const std::string& p : prefixes) {
      if (StartsWithWord(key, p)) return key.substr(p.size() + 1);
    }
    return key;
  };
  for (const auto& [name, url] : advisory_urls_) {
    if (name == out.vendor) out.advisory_urls.push_back(url);
  }
  if (!out.advisory_urls.empty()) out.advisory_url = out.advisory_urls.front();
  const std::string key = key_of(model);
  if (key.empty()) return out;

  auto collect = [&](auto matches) {
    for (const VendorFix& fix : fixes_) {
      if (scope.contains(fix.vendor) && matches(fix)) out.fixes.push_back(fix);
    }
  };
  collect([&](const VendorFix& f) {
    return f.covers_prefix.empty() && key_of(f.model) == key;
  });
  out.match = "exact";
  if (out.fixes.empty()) {
    std::set<std::string> models;
    for (const VendorFix& f : fixes_) {
      const std::string k = key_of(f.model);
      if (scope.contains(f.vendor) && f.covers_prefix.empty() &&
          (StartsWithWord(k, key) || StartsWithWord(key, k) ||
           ContainsWords(k, key))) {
        models.insert(f.model);
      }
    }
    if (models.size() == 1) {
      collect([&](const VendorFix& f) { return f.model == *models.begin(); });
      out.match = "partial";
    } else {
      out.suggestions.assign(models.begin(), models.end());
    }
  }
  if (out.fixes.empty() && out.suggestions.empty()) {
    collect([&](const VendorFix& f) {
      const std::string p = Normalize(f.covers_prefix);
      return !p.empty() && (key == p || StartsWithWord(key, p));
    });
    out.match = "prefix";
  }
  if (out.fixes.empty()) {
    out.match = "";
    if (out.suggestions.empty()) {
      const std::string first = key.substr(0, key.find(' '));
      std::set<std::string> models;
      for (const VendorFix& f : fixes_) {
        if (scope.contains(f.vendor) &&
            StartsWithWord(key_of(f.model), first)) {
          models.insert(f.model);
        }
      }
      out.suggestions.assign(models.begin(), models.end());
      if (out.suggestions.size() > 8) out.suggestions.resize(8);
    }
    return out;
  }
  out.model_known = true;
  if (!out.vendor_known) out.vendor = out.fixes.front().vendor;
  std::stable_sort(out.fixes.begin(), out.fixes.end(),
                   [](const VendorFix& a, const VendorFix& b) {
                     return DateKey(a) < DateKey(b);
                   });
  return out;
}

const VendorFix* FixFor(const VendorLookup& lookup, std::string_view advisory) {
  for (const VendorFix& fix : lookup.fixes) {
    if (fix.advisory == advisory) return &fix;
  }
  return nullptr;
}

const VendorFix* LatestMeFix(const VendorLookup& lookup) {
  const VendorFix* best = nullptr;
  for (const VendorFix& fix : lookup.fixes) {
    if (fix.me_version.empty()) continue;
    if (best == nullptr || DateKey(*best) <= DateKey(fix)) best = &fix;
  }
  return best;
}

json ToJson(const VendorFix& fix) {
  json out = {{"vendor", fix.vendor},
              {"model", fix.model},
              {"advisory", fix.advisory},
              {"me_version", fix.me_version},
              {"bios_version", fix.bios_version},
              {"date", fix.date},
              {"url", fix.url},
              {"status", fix.status},
              {"source", fix.source}};
  if (!fix.group.empty()) out["group"] = fix.group;
  if (!fix.notes.empty()) out["notes"] = fix.notes;
  if (!fix.covers_prefix.empty()) out["covers_prefix"] = fix.covers_prefix;
  return out;
}

json ToJson(const VendorLookup& lookup) {
  json fixes = json::array();
  for (const VendorFix& fix : lookup.fixes) fixes.push_back(ToJson(fix));
  json out = {{"vendor", lookup.vendor},
              {"vendor_known", lookup.vendor_known},
              {"model_known", lookup.model_known},
              {"match", lookup.match},
              {"advisory_url", lookup.advisory_url},
              {"advisory_urls", lookup.advisory_urls},
              {"fixes", fixes}};
  if (!lookup.suggestions.empty()) out["suggestions"] = lookup.suggestions;
  return out;
}

std::string VendorModelName(std::string_view vendor, std::string_view model) {
  auto lower = [](unsigned char c) { return std::tolower(c); };
  bool prefixed =
      model.size() > vendor.size() && model[vendor.size()] == ' ' &&
      std::equal(vendor.begin(), vendor.end(), model.begin(),
                 [&](char a, char b) { return lower(a) == lower(b); });
  if (prefixed || vendor.empty()) return std::string(model);
  return std::string(vendor) + " " + std::string(model);
}

}  // namespace amtscope
