#include "testing/fake_command_runner.h"

namespace amtscope {

Result<int> FakeCommandRunner::Run(const std::vector<std::string>& argv) {
  commands.push_back(argv);
  return exit_status_;
}

}  // namespace amtscope
