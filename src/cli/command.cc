#include "cli/command.h"

#include <cstdio>
#include <string>
#include <string_view>

namespace amtscope::cli {

std::string ShellCommandLine(int argc, const char* const* argv) {
  std::string out;
  for (int i = 0; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (!out.empty()) out += ' ';
    bool plain = !arg.empty() &&
                 arg.find_first_not_of(
                     "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                     "0123456789_@%+=:,./-") == std::string_view::npos;
    if (plain) {
      out += arg;
      continue;
    }
    out += '\'';
    for (char c : arg)
      out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    out += '\'';
  }
  return out;
}

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

void FinishWithOutput(CommandContext& ctx, const Result<std::string>& out) {
  if (!out.ok()) {
    ctx.exit_code = ReportError(out.status());
    return;
  }
  std::fwrite(out->data(), 1, out->size(), stdout);
  std::fflush(stdout);
  ctx.exit_code = kExitOk;
}

}  // namespace amtscope::cli
