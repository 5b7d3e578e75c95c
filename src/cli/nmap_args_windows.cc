// Windows has no scan command (commands_windows.cc), so there are no nmap
// spellings to rewrite: the arguments pass through unchanged.
#include "cli/nmap_args.h"

namespace amtscope::cli {

Result<std::vector<std::string>> RewriteNmapStyleArgs(
    const std::vector<std::string>& args) {
  return args;
}

}  // namespace amtscope::cli
