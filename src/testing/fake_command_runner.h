// FakeCommandRunner: records the commands `check` would run (test-only,
// linked from amtscope_testing, never into the amtscope binary).
#ifndef AMTSCOPE_TESTING_FAKE_COMMAND_RUNNER_H_
#define AMTSCOPE_TESTING_FAKE_COMMAND_RUNNER_H_

#include <string>
#include <vector>

#include "core/result.h"
#include "local/command_runner.h"

namespace amtscope {

/// Records commands and answers with a fixed exit status.
class FakeCommandRunner : public CommandRunner {
 public:
  /// Every Run() will return `exit_status`.
  explicit FakeCommandRunner(int exit_status = 0) : exit_status_(exit_status) {}
  /// Records `argv` in `commands` and returns the fixed exit status.
  Result<int> Run(const std::vector<std::string>& argv) override;
  /// Every argv run so far, in order.
  std::vector<std::vector<std::string>> commands;

 private:
  int exit_status_;
};

}  // namespace amtscope

#endif  // AMTSCOPE_TESTING_FAKE_COMMAND_RUNNER_H_
