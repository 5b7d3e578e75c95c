#include "cli/command.h"

#include <fmt/format.h>

#include <cstdio>
#include <string>
#include <string_view>

#include "core/text_escape.h"

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

std::span<const ExitCodeDoc> ExitCodeDocs() {
  static constexpr ExitCodeDoc kDocs[] = {
      {kExitOk, "Done."},
      {kExitFindings,
       "Done, and vulnerable hosts were found (only with --fail-on-findings)."},
      {kExitUsage,
       "Usage or configuration error (a bad option, config file or "
       "environment value, an output that cannot be created); nothing was "
       "done."},
      {kExitRuntime,
       "Runtime error; partial results were written and the error names the "
       "file."},
      {kExitInterrupted,
       "Interrupted by SIGINT; a scan writes its resume file first."},
      {kExitTerminated, "Stopped by SIGTERM (emulate)."},
  };
  return kDocs;
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

namespace {

// Longest message part of an error line: parsers quote what they read (a
// JSON parser's "last read" can be a 50 MiB token).
constexpr size_t kMaxErrorMessage = 400;

}  // namespace

int ReportError(const Status& status) {
  // Messages quote file contents, names and peers' text: never let a
  // control byte reach the terminal, and keep the error on one short line.
  std::string message = PrintableLine(status.message());
  if (message.size() > kMaxErrorMessage) {
    message = fmt::format("{}... ({} bytes)",
                          message.substr(0, kMaxErrorMessage), message.size());
  }
  if (!status.hint().empty()) {
    message += " (hint: " + PrintableLine(status.hint()) + ")";
  }
  std::fprintf(stderr, "amtscope: %s\n", message.c_str());
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
