// Shard holders: host, pid namespace and pid.
#include "cli/scan_holder.h"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "cli/check_platform.h"

namespace amtscope::cli {
namespace {

// Pods that share their node's network (hostNetwork) share its host name
// but not its pids: a pid is only comparable inside one pid namespace,
// which /proc/self/ns/pid names as "pid:[INODE]".
unsigned long PidNamespace() {
  std::error_code ec;
  std::string link = std::filesystem::read_symlink("/proc/self/ns/pid", ec);
  size_t open = link.find('[');
  if (ec || open == std::string::npos) return 0;
  return std::strtoul(link.c_str() + open + 1, nullptr, 10);
}

std::string ThisMachine() {
  std::string host = HostName();
  return fmt::format("{}:{}", host.empty() ? "localhost" : host,
                     PidNamespace());
}

}  // namespace

std::string ThisHolder() {
  return fmt::format("{}:{}", ThisMachine(), getpid());
}

bool HolderGoneAt(std::string_view holder, std::string_view local,
                  const std::function<bool(long)>& gone) {
  size_t colon = holder.rfind(':');
  if (colon == std::string_view::npos || holder.substr(0, colon) != local ||
      local.ends_with(":0")) {
    return false;  // another machine, or a namespace we cannot tell apart
  }
  std::string pid_text(holder.substr(colon + 1));
  char* end = nullptr;
  long pid = std::strtol(pid_text.c_str(), &end, 10);
  return pid > 0 && end != nullptr && *end == '\0' && gone(pid);
}

bool HolderGone(const std::string& holder) {
  return HolderGoneAt(holder, ThisMachine(), [](long pid) {
    return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
  });
}

}  // namespace amtscope::cli
