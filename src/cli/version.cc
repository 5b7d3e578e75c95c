#include "cli/version.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "advisory/advisory_db.h"
#include "advisory/vendor_db.h"

// Set by CMakeLists.txt on this file only, so a new commit recompiles one
// object; the fallbacks keep other builds (an IDE's indexer) compiling.
#ifndef AMTSCOPE_COMMIT
#define AMTSCOPE_COMMIT "unknown"
#endif
#ifndef AMTSCOPE_BUILD_TYPE
#define AMTSCOPE_BUILD_TYPE ""
#endif

namespace amtscope::cli {

BuildFacts CurrentBuildFacts() {
  BuildFacts facts;
  facts.version = AMTSCOPE_VERSION;
  facts.commit = AMTSCOPE_COMMIT;
  facts.build_type = AMTSCOPE_BUILD_TYPE;
  if (auto db = AdvisoryDb::Embedded(); db.ok()) {
    facts.advisories = db->advisories().size();
    for (const Advisory& a : db->advisories()) {
      // ISO dates ("2017-05-01", "2017-09") order as strings.
      facts.advisories_newest = std::max(facts.advisories_newest, a.date);
    }
  }
  if (auto vendors = VendorDb::Embedded(); vendors.ok()) {
    facts.vendor_fixes = vendors->fixes().size();
    for (const VendorFix& fix : vendors->fixes()) {
      // Rows are dated "2017-05-14"; a few say "-" or "as of ...": only
      // ISO dates count for the newest.
      bool iso = fix.date.size() >= 7 &&
                 std::isdigit(static_cast<unsigned char>(fix.date[0]));
      if (iso) facts.vendors_newest = std::max(facts.vendors_newest, fix.date);
    }
  }
  AddPlatformFacts(&facts);
  return facts;
}

std::string VersionLine(const BuildFacts& facts) {
  std::string details = "commit " + facts.commit;
  if (!facts.build_type.empty()) details += ", " + facts.build_type;
  if (!facts.openssl.empty()) details += ", OpenSSL " + facts.openssl;
  details += fmt::format(", advisories {} entr{}", facts.advisories,
                         facts.advisories == 1 ? "y" : "ies");
  if (!facts.advisories_newest.empty()) {
    details += " / newest " + facts.advisories_newest;
  }
  details += fmt::format(", vendor fixes {} row{}", facts.vendor_fixes,
                         facts.vendor_fixes == 1 ? "" : "s");
  if (!facts.vendors_newest.empty()) {
    details += " / newest " + facts.vendors_newest;
  }
  if (!facts.platform_note.empty()) {
    details += ", " + facts.platform_note;
  } else {
    details += facts.raw_sockets ? ", raw sockets: available"
                                 : ", raw sockets: needs CAP_NET_RAW";
  }
  return fmt::format("amtscope {} ({})", facts.version, details);
}

std::string ShortVersion() {
  return std::string("amtscope ") + AMTSCOPE_VERSION + " (" + AMTSCOPE_COMMIT +
         ")";
}

}  // namespace amtscope::cli
