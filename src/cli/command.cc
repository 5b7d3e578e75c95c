#include "cli/command.h"

#include <cstdio>

#include "report/text_escape.h"

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
  // Messages quote file contents, names and peers' text: never let a
  // control byte reach the terminal, and keep the error on one line.
  std::fprintf(stderr, "amtscope: %s\n",
               PrintableLine(status.ToString()).c_str());
  std::fflush(stderr);
  return ExitCodeFor(status);
}

void FinishWithOutput(CommandContext& ctx, const Result<std::string>& out) {
  if (!out.ok()) {
    ctx.exit_code = ReportError(out.status());
    return;
  }
  // Databases given with --advisories/--vendors are input too: their text
  // reaches the terminal only with control bytes escaped.
  std::string safe = TerminalText(*out);
  std::fwrite(safe.data(), 1, safe.size(), stdout);
  std::fflush(stdout);
  ctx.exit_code = kExitOk;
}

}  // namespace amtscope::cli
