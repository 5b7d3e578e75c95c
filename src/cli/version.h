// What `amtscope --version` (and `amtscope version`) says about the build:
// commit, build type, OpenSSL, the advisory and vendor data, raw-socket
// capability.
#ifndef AMTSCOPE_CLI_VERSION_H_
#define AMTSCOPE_CLI_VERSION_H_

#include <cstddef>
#include <string>

namespace amtscope::cli {

/// The facts the version line reports.
struct BuildFacts {
  std::string version;            // "0.1.0"
  std::string commit;             // short git id at configure time, "unknown"
  std::string build_type;         // CMAKE_BUILD_TYPE, "" when none
  std::string openssl;            // the linked library's "3.0.11"
  size_t advisories = 0;          // entries in the embedded database
  std::string advisories_newest;  // newest advisory date, "" when none
  size_t vendor_fixes = 0;        // rows in the embedded vendor database
  std::string vendors_newest;     // newest dated vendor row, "" when none
  bool raw_sockets = false;       // a raw socket opens (SYN discovery)
  std::string platform_note;      // Windows: which commands exist; "" on Linux
};

/// The facts of this binary and process (opens and closes one raw socket).
BuildFacts CurrentBuildFacts();

/// Fills the platform's part of `facts`: OpenSSL and raw sockets on Linux
/// (version_linux.cc), the command list on Windows (version_windows.cc).
void AddPlatformFacts(BuildFacts* facts);

/// "amtscope 0.1.0 (commit abc1234, Release, OpenSSL 3.0.11, advisories 11
/// entries / newest 2019-03-12, vendor fixes 232 rows / newest 2020-06-09,
/// raw sockets: needs CAP_NET_RAW)".
std::string VersionLine(const BuildFacts& facts);

/// "amtscope 0.1.0 (abc1234)": the version and commit only, no probing
/// (what reports name as their generator).
std::string ShortVersion();

}  // namespace amtscope::cli

#endif  // AMTSCOPE_CLI_VERSION_H_
