// CommandRunner: runs an external program (systemctl) so tests can fake it.
#ifndef AMTSCOPE_LOCAL_COMMAND_RUNNER_H_
#define AMTSCOPE_LOCAL_COMMAND_RUNNER_H_

#include <string>
#include <vector>

#include "core/result.h"

namespace amtscope {

class CommandRunner {
 public:
  virtual ~CommandRunner() = default;
  /// Runs argv (argv[0] looked up in PATH), inheriting stdout/stderr;
  /// returns its exit status, or an error when it could not start.
  virtual Result<int> Run(const std::vector<std::string>& argv) = 0;
};

/// posix_spawnp + waitpid.
class RealCommandRunner : public CommandRunner {
 public:
  Result<int> Run(const std::vector<std::string>& argv) override;
};

/// The exact command --disable-lms runs (docs/local-detection.md §1.5: unit
/// lms.service).
std::vector<std::string> DisableLmsCommand();

/// Disables and stops LMS through `runner`; IoError with a hint on failure.
Status DisableLms(CommandRunner& runner);

}  // namespace amtscope

#endif  // AMTSCOPE_LOCAL_COMMAND_RUNNER_H_
