// LMS, Intel's Local Manageability Service: installed, enabled, running, and
// who listens on the AMT ports (reference local-detection.md §1.5).
#ifndef AMTSCOPE_LOCAL_LMS_H_
#define AMTSCOPE_LOCAL_LMS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "local/file_system.h"

namespace amtscope {

/// One TCP listener on an AMT port.
struct TcpListener {
  int port = 0;
  std::string address;  // "127.0.0.1", "0.0.0.0", "::1", "::"
};

struct LmsFacts {
  std::string unit_path;               // "/usr/lib/systemd/system/lms.service" or ""
  bool unit_enabled = false;           // a *.wants/lms.service link exists
  std::optional<bool> running;         // nullopt: process table not visible
  std::vector<int> pids;               // processes whose comm is "lms"
  std::vector<TcpListener> listeners;  // LISTEN sockets on 16992-16995/623/664
};

/// Parses /proc/net/tcp or tcp6 text; returns the listening sockets (state
/// 0A) on AMT ports. Malformed lines are skipped.
std::vector<TcpListener> ParseProcNetTcp(std::string_view text, bool ipv6);

/// Reads the LMS facts; never fails.
LmsFacts ReadLms(const FileSystem& fs);

}  // namespace amtscope

#endif  // AMTSCOPE_LOCAL_LMS_H_
