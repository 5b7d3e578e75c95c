// Man pages generated from the command tree that the option tables built
// (cli/option_binding.h): amtscope(1) and one page per subcommand,
// amtscope-scan(1), amtscope-check(8), ... Nothing here names an option: a
// row added to a table appears in its page at the next build (CMake runs
// `amtscope --help-man-all DIR`), so the pages cannot drift from the CLI.
#ifndef AMTSCOPE_CLI_MANPAGE_H_
#define AMTSCOPE_CLI_MANPAGE_H_

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace amtscope::cli {

/// One generated page.
struct ManPage {
  std::string name;  // "amtscope-scan"
  int section = 1;   // 1, or 8 for commands meant for root (check)
  std::string text;  // roff, man(7) macros
};

/// What the pages say besides the tree: version and date for .TH.
struct ManContext {
  std::string version;  // "0.1.0"
  std::string date;     // "2026-12-04": the commit's date (reproducible)
};

/// The section of subcommand `name`'s page: 8 for check (reads /dev/mei0
/// and firmware tables: an administrator's command), else 1.
int ManSection(std::string_view name);

/// Text escaped for a roff text line: backslashes, leading '.' and '\''.
std::string RoffEscape(std::string_view text);

/// amtscope(1) for `app` and one page per subcommand, in tree order.
std::vector<ManPage> ManPages(const CLI::App& app, const ManContext& context);

}  // namespace amtscope::cli

#endif  // AMTSCOPE_CLI_MANPAGE_H_
