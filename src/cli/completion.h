// bash and zsh completion scripts generated from the command tree the
// option tables built (cli/option_binding.h): commands, nested commands,
// flags, and the values of enum options (--format, --scan-type) from the
// rows' choices. Other values complete as file names; nothing completes a
// scan target from anywhere but what the user types.
#ifndef AMTSCOPE_CLI_COMPLETION_H_
#define AMTSCOPE_CLI_COMPLETION_H_

#include <CLI/CLI.hpp>
#include <string>

namespace amtscope::cli {

/// The bash script: `complete -F _amtscope amtscope`.
std::string BashCompletion(const CLI::App& app);

/// The zsh script (`#compdef amtscope`, for a directory on $fpath).
std::string ZshCompletion(const CLI::App& app);

}  // namespace amtscope::cli

#endif  // AMTSCOPE_CLI_COMPLETION_H_
