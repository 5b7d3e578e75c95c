#include "scan/banner.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace amtscope {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return s;
}

bool IStartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), s.begin(),
                    [](char a, char b) {
                      return std::tolower(static_cast<unsigned char>(a)) ==
                             std::tolower(static_cast<unsigned char>(b));
                    });
}

// Strips the vendor word in any spelling seen or plausible: "Intel(R) ",
// "Intel® " (UTF-8), "Intel ". Returns false when the header is not Intel's.
bool StripIntel(std::string_view* s) {
  for (std::string_view v : {"Intel(R)", "Intel\xC2\xAE", "Intel"}) {
    if (IStartsWith(*s, v)) {
      s->remove_prefix(v.size());
      *s = Trim(*s);
      return true;
    }
  }
  return false;
}

struct ProductPrefix {
  std::string_view name;
  std::string_view product;
};
// docs/protocol.md §2.1 / §2.11.
constexpr std::array<ProductPrefix, 4> kProducts = {{
    {"Active Management Technology", "amt"},
    {"Standard Manageability", "ism"},
    {"Small Business Technology", "sbt"},
    {"Con. Management Engine", "cme"},
}};

bool IsVersionChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' ||
         c == '-';
}

}  // namespace

Banner ParseServerBanner(std::string_view server) {
  Banner out;
  std::string_view s = Trim(server);
  if (s.size() == 3 && IStartsWith(s, "AMT")) {  // bare "AMT" (ME 11.x, §2.1)
    out.amt = true;
    out.product = "amt";
    return out;
  }
  if (!StripIntel(&s)) return out;
  for (const ProductPrefix& p : kProducts) {
    if (!IStartsWith(s, p.name)) continue;
    std::string_view rest = s.substr(p.name.size());
    // The product name must end here (not "...Technology2000").
    if (!rest.empty() &&
        !std::isspace(static_cast<unsigned char>(rest.front())))
      return out;
    rest = Trim(rest);
    size_t n = 0;
    while (n < rest.size() && IsVersionChar(rest[n])) ++n;
    out.amt = true;
    out.product = std::string(p.product);
    out.version_text = std::string(rest.substr(0, n));
    if (auto v = FirmwareVersion::Parse(out.version_text); v.ok())
      out.version = *v;
    return out;
  }
  return out;
}

bool IsAmtRealm(std::string_view realm) {
  if (!IStartsWith(realm, "Digest:") || realm.size() <= 7) return false;
  return std::all_of(realm.begin() + 7, realm.end(), [](char c) {
    return std::isxdigit(static_cast<unsigned char>(c));
  });
}

std::string_view ProductName(std::string_view product) {
  if (product == "amt") return "Intel AMT";
  if (product == "ism") return "Intel Standard Manageability";
  if (product == "sbt") return "Intel Small Business Technology";
  if (product == "cme") return "Intel Con. Management Engine";
  return "";
}

}  // namespace amtscope
