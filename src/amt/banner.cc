#include "amt/banner.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "amt/product.h"
#include "core/strings.h"

namespace amtscope {
namespace {

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

bool IsVersionChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' ||
         c == '-';
}

}  // namespace

Banner ParseServerBanner(std::string_view server) {
  Banner out;
  std::string_view s = Trim(server);
  if (IEquals(s, kBareServerHeader)) {  // bare "AMT" (ME 11.x, §2.1)
    out.amt = true;
    out.product = "amt";
    return out;
  }
  if (!StripIntel(&s)) return out;
  for (const AmtProduct& p : AmtProducts()) {
    if (!IStartsWith(s, p.server_name)) continue;
    std::string_view rest = s.substr(p.server_name.size());
    // The product name must end here (not "...Technology2000").
    if (!rest.empty() &&
        !std::isspace(static_cast<unsigned char>(rest.front())))
      return out;
    rest = Trim(rest);
    size_t n = 0;
    while (n < rest.size() && IsVersionChar(rest[n])) ++n;
    out.amt = true;
    out.product = std::string(p.code);
    out.version_text = std::string(rest.substr(0, n));
    if (auto v = FirmwareVersion::Parse(out.version_text); v.ok())
      out.version = *v;
    return out;
  }
  return out;
}

std::string_view ProductName(std::string_view product) {
  const AmtProduct* p = FindAmtProduct(product);
  return p == nullptr ? "" : p->short_name;
}

}  // namespace amtscope
