// The Windows build's facts for --version: no OpenSSL, no scanner.
#include "cli/version.h"

namespace amtscope::cli {

void AddPlatformFacts(BuildFacts* facts) {
  facts->platform_note = "Windows: check, advisories, lookup";
}

}  // namespace amtscope::cli
