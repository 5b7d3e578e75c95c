#include "cli/command.h"

#include <cstdio>

namespace amtscope::cli {

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return kExitOk;
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotFound:
      return kExitUsage;
    case StatusCode::kInterrupted:
      return kExitInterrupted;
    default:
      return kExitRuntime;
  }
}

int ReportError(const Status& status) {
  std::fprintf(stderr, "amtscope: %s\n", status.ToString().c_str());
  std::fflush(stderr);
  return ExitCodeFor(status);
}

}  // namespace amtscope::cli
