// The hidden top-level words that turn the command tree into files at build
// time (CMakeLists.txt runs them; docs/packaging.md §2):
//   amtscope --help-man [PAGE]      one man page (amtscope, amtscope-scan or
//   scan) amtscope --help-man-all DIR     every page into DIR/man1, DIR/man8
//   amtscope --completion bash|zsh  a completion script
//   amtscope --example-config       the commented example amtscope.conf
#ifndef AMTSCOPE_CLI_GENERATE_H_
#define AMTSCOPE_CLI_GENERATE_H_

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace amtscope::cli {

/// Handles the words above; the exit code when `args` starts with one,
/// nullopt otherwise.
std::optional<int> HandleGenerators(const CLI::App& app,
                                    const std::vector<std::string>& args);

}  // namespace amtscope::cli

#endif  // AMTSCOPE_CLI_GENERATE_H_
