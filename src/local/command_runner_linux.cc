#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstring>

#include "local/command_runner.h"

extern char** environ;

namespace amtscope {

Result<int> RealCommandRunner::Run(const std::vector<std::string>& argv) {
  if (argv.empty()) return Status::InvalidArgument("empty command");
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc =
      ::posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ);
  if (rc != 0) {
    return Status::IoError(
        fmt::format("cannot run {}: {}", argv[0], std::strerror(rc)),
        "is systemd installed and in PATH?");
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR)
      return Status::IoError(fmt::format("waitpid: {}", std::strerror(errno)));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::vector<std::string> DisableLmsCommand() {
  return {"systemctl", "disable", "--now", "lms.service"};
}

Status DisableLms(CommandRunner& runner) {
  std::vector<std::string> cmd = DisableLmsCommand();
  AMTSCOPE_ASSIGN_OR_RETURN(int code, runner.Run(cmd));
  if (code != 0) {
    return Status::IoError(
        fmt::format("\"{}\" exited with status {}", fmt::join(cmd, " "), code),
        "run as root; check `systemctl status lms.service`");
  }
  return Status::Ok();
}

}  // namespace amtscope
