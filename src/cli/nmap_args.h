// nmap's multi-letter single-dash flags (-iL, -sS, -oX ...) for `amtscope
// scan`. CLI11 reads "-oX x.xml" as "-o X" plus a target "x.xml", so these
// are rewritten into long forms before parsing, and any other single-dash
// multi-letter token is refused: a scanner must never take a word meant as
// an option or a file name for a target.
#ifndef AMTSCOPE_CLI_NMAP_ARGS_H_
#define AMTSCOPE_CLI_NMAP_ARGS_H_

#include <string>
#include <vector>

#include "core/result.h"

namespace amtscope::cli {

/// Rewrites the arguments after argv[0] when they run `scan`: "-iL", "-sS",
/// "-sT", "-oN", "-oX", "-oG", "-oJ", "-oA" become long forms; "-p16992"
/// stays; any other single-dash token longer than two characters is an
/// InvalidArgument naming it. Other subcommands are returned unchanged.
Result<std::vector<std::string>> RewriteNmapStyleArgs(
    const std::vector<std::string>& args);

}  // namespace amtscope::cli

#endif  // AMTSCOPE_CLI_NMAP_ARGS_H_
