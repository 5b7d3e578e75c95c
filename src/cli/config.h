// Config files and AMTSCOPE_* variables, read through the option tables
// (docs/packaging.md §3). Precedence: command line > environment > user file
// > system file; scalar options take the highest layer that sets them, list
// options (exclude) collect the values of every layer. Only rows marked
// `.config = true` may be set this way, and no such row names targets: the
// scanner scans only what its command line (or an -iL file named there)
// gives it.
//
//   InstallConfig(app);   // after every Add*Command, before app.parse()
#ifndef AMTSCOPE_CLI_CONFIG_H_
#define AMTSCOPE_CLI_CONFIG_H_

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/config_file.h"
#include "core/result.h"

namespace amtscope::cli {

/// The system config file's usual place (AMTSCOPE_SYSCONFDIR moves it).
inline constexpr std::string_view kSystemConfigPath =
    "/etc/amtscope/amtscope.conf";

/// "AMTSCOPE_EXCLUDE_FILE" for the row "exclude-file".
std::string ConfigEnvName(std::string_view row_name);

/// The two files this process reads: $AMTSCOPE_SYSCONFDIR/amtscope.conf (or
/// kSystemConfigPath) and $XDG_CONFIG_HOME/amtscope/amtscope.conf (or
/// ~/.config/...; "" when neither variable nor HOME is set).
struct ConfigFilePaths {
  std::string system;
  std::string user;
};
ConfigFilePaths CurrentConfigFilePaths();

/// One layer: a file's entries (origin = its path) or the environment.
struct ConfigLayer {
  std::string origin;
  std::vector<ConfigEntry> entries;
};

/// The system and user files that exist, lowest precedence first. A file
/// that exists but cannot be read or parsed is an error.
Result<std::vector<ConfigLayer>> LoadConfigFiles(const ConfigFilePaths& paths);

/// Checks every entry of `layers` against the config rows of `root`'s
/// commands: a [section] must name a command, a key one of its config rows
/// (outside a section: a config row of any command). InvalidArgument
/// naming the file and line otherwise.
Status ValidateConfig(const CLI::App& root,
                      const std::vector<ConfigLayer>& layers);

/// Adds --dump-config to every command with config rows and makes each
/// apply the config files and environment after its command line is parsed.
void InstallConfig(CLI::App& root);

/// The commented example config: every config row of every command with
/// its help and default (`amtscope --example-config`).
std::string ExampleConfig(const CLI::App& root);

}  // namespace amtscope::cli

#endif  // AMTSCOPE_CLI_CONFIG_H_
