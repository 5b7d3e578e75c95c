// LMS, Intel's Local Manageability Service: installed, enabled, running, and
// who listens on the AMT ports (docs/local-detection.md §1.5).
#ifndef AMTSCOPE_LOCAL_LMS_H_
#define AMTSCOPE_LOCAL_LMS_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "local/file_system.h"

namespace amtscope {

/// One TCP listener on an AMT port, and the process that owns its socket.
struct TcpListener {
  int port = 0;
  std::string address;      // "127.0.0.1", "0.0.0.0", "::1", "::"
  std::uint64_t inode = 0;  // socket inode from /proc/net/tcp; 0 = unknown
  int pid = 0;              // process holding socket:[inode]; 0 = not found
  std::string comm;         // its /proc/PID/comm ("lms"); "" = not found
  /// True when the listening process was found and it is LMS (comm "lms").
  bool IsLms() const { return pid != 0 && comm == "lms"; }
};

/// A Windows service's state from the Service Control Manager
/// (docs/windows.md §4); Linux trees have none.
struct ServiceFacts {
  std::string name;        // "LMS", "UNS"
  bool installed = false;  // the SCM knows the service
  std::string state;       // "running", "stopped", "start-pending", ...
  std::string start_type;  // "auto", "demand", "disabled", "boot", "system"
  std::string error;       // why it could not be queried; "" when it was
  bool operator==(const ServiceFacts&) const = default;
};

struct LmsFacts {
  std::string unit_path;        // "/usr/lib/systemd/system/lms.service" or ""
  bool unit_enabled = false;    // a *.wants/lms.service link exists
  std::optional<bool> running;  // nullopt: process table not visible
  std::vector<int> pids;        // processes whose comm is "lms"
  std::vector<TcpListener> listeners;  // LISTEN sockets on 16992-16995/623/664
  std::vector<ServiceFacts> services;  // Windows: LMS and UNS (SCM)
  /// True when some listener's process was found and it is LMS.
  bool LmsListens() const;
};

/// Parses /proc/net/tcp or tcp6 text; returns the listening sockets (state
/// 0A) on AMT ports with their inodes. Malformed lines are skipped.
std::vector<TcpListener> ParseProcNetTcp(std::string_view text, bool ipv6);

/// One /proc/PID/fd/N link to a socket ("socket:[31337]").
struct SocketLink {
  int pid = 0;
  std::string fd;           // "5"
  std::string target;       // the link's text, "socket:[31337]"
  std::uint64_t inode = 0;  // 31337
};

/// Calls `visit` for each /proc/PID/fd/N link to a socket in `inodes` until
/// it returns false. Bounded: at most 32768 processes, 4096 fds each and
/// 262144 links in all; unreadable fd directories are skipped.
void ForEachSocketLink(const FileSystem& fs,
                       const std::vector<std::uint64_t>& inodes,
                       const std::function<bool(const SocketLink&)>& visit);

/// Fills pid/comm of each listener whose inode some /proc/PID/fd/N links to
/// ("socket:[inode]"). Bounded: at most 32768 processes, 4096 fds each and
/// 262144 links in all; listeners not found keep pid 0 (another user's
/// process when not root, or a captured tree).
void FindListenerOwners(const FileSystem& fs,
                        std::vector<TcpListener>* listeners);

/// Reads the LMS facts (systemd unit, processes, listeners; the service
/// states of a tree captured on Windows); never fails.
LmsFacts ReadLms(const FileSystem& fs);

}  // namespace amtscope

#endif  // AMTSCOPE_LOCAL_LMS_H_
