// What the top level of `amtscope` says when it is not given a command it
// knows: bare `amtscope`, `amtscope help [COMMAND]`, `amtscope version`, an
// unknown command, and CLI11's own parse errors as one `amtscope:` line.
#ifndef AMTSCOPE_CLI_USAGE_H_
#define AMTSCOPE_CLI_USAGE_H_

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace amtscope::cli {

/// The first word that names a command (skipping global options and their
/// values), or "" when there is none.
std::string CommandWord(const std::vector<std::string>& args);

/// The command nearest to `word` (a prefix, or at most two edits away), ""
/// when none is close.
std::string NearestCommand(const CLI::App& app, std::string_view word);

/// Handles bare `amtscope` (short usage), `help [COMMAND]`, `version` and
/// unknown commands before CLI11 parses; the exit code when it handled
/// `args`, nullopt to go on parsing.
std::optional<int> HandleTopLevel(const CLI::App& app,
                                  const std::vector<std::string>& args);

/// A CLI11 parse error as one Status line: its message, and a hint naming
/// `COMMAND --help` unless the message carries a hint already.
Status FromParseError(const CLI::ParseError& error, std::string_view command);

}  // namespace amtscope::cli

#endif  // AMTSCOPE_CLI_USAGE_H_
