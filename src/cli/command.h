// What every subcommand shares: exit codes, error printing, registration.
#ifndef AMTSCOPE_CLI_COMMAND_H_
#define AMTSCOPE_CLI_COMMAND_H_

#include <CLI/CLI.hpp>
#include <span>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/status.h"

namespace amtscope::cli {

/// Process exit codes (DESIGN.md "Exit codes").
enum ExitCode : int {
  kExitOk = 0,        // done
  kExitFindings = 1,  // done, findings present (only with --fail-on-findings)
  kExitUsage = 2,     // usage or configuration error
  kExitRuntime = 3,   // runtime error; partial results were written
  kExitInterrupted = 130,  // SIGINT (128 + 2)
  kExitTerminated = 143,   // SIGTERM (128 + 15): emulate
};

/// One exit code and what it means (the man pages' EXIT STATUS).
struct ExitCodeDoc {
  int code;
  std::string_view meaning;
};

/// Every ExitCode with its meaning, in numeric order.
std::span<const ExitCodeDoc> ExitCodeDocs();

/// Options shared by all subcommands, and the exit code the chosen one sets.
struct CommandContext {
  std::string advisories_file;  // --advisories FILE; "" = embedded data
  std::string vendors_file;     // --vendors FILE; "" = embedded data
  std::string command_line;     // argv as typed, shell-quoted (nmap args=)
  int exit_code = kExitOk;
};

/// argv joined with spaces, each argument quoted for a POSIX shell when it
/// holds anything but [A-Za-z0-9_@%+=:,./-], so it can be run again.
std::string ShellCommandLine(int argc, const char* const* argv);

/// Maps a failed Status to its exit code (usage errors 2, runtime 3, 130).
int ExitCodeFor(const Status& status);
/// Prints "amtscope: <message> (hint: ...)" as one line on stderr and
/// returns ExitCodeFor(status).
int ReportError(const Status& status);
/// Prints `out` on stdout and sets ctx.exit_code to 0, or reports its error;
/// output is printed only whole, so a failure leaves stdout empty.
void FinishWithOutput(CommandContext& ctx, const Result<std::string>& out);

// Each subcommand lives in its own file and registers itself here; its
// callback stores the exit code in ctx.exit_code. Only main() exits.
void AddAdvisoriesCommand(CLI::App& app, CommandContext& ctx);
void AddLookupCommand(CLI::App& app, CommandContext& ctx);
void AddScanCommand(CLI::App& app, CommandContext& ctx);
void AddDemoCommand(CLI::App& app, CommandContext& ctx);
void AddEmulateCommand(CLI::App& app, CommandContext& ctx);
void AddCheckCommand(CLI::App& app, CommandContext& ctx);
void AddInventoryCommand(CLI::App& app, CommandContext& ctx);
void AddReportCommand(CLI::App& app, CommandContext& ctx);
/// Registers this platform's commands in help order: all of the above on
/// Linux; on Windows check, advisories and lookup, and the rest as stubs
/// that say they are Linux-only (docs/windows.md).
void AddCommands(CLI::App& app, CommandContext& ctx);

}  // namespace amtscope::cli

#endif  // AMTSCOPE_CLI_COMMAND_H_
