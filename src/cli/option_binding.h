// Binds an option table (core/option_table.h) to a CLI11 subcommand: one
// CLI11 option per row, its help and default taken from the row. The same
// code serves scan, emulate and check.
//
//   auto opts = std::make_shared<CheckOptions>();
//   BindOptions(sub, CheckOptionTable(), opts.get());
#ifndef AMTSCOPE_CLI_OPTION_BINDING_H_
#define AMTSCOPE_CLI_OPTION_BINDING_H_

#include <CLI/CLI.hpp>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/option_table.h"

namespace amtscope::cli {

/// Turns a failed Status into the CLI11 error that ends the parse (exit 2,
/// one line with its hint).
void ThrowIfError(const Status& status);

/// The row's help as --help shows it: the help plus its syntax note.
std::string OptionHelp(std::string_view help, std::string_view syntax);

/// Registers one row on `app`, writing into `options` (see BindOptions).
template <typename Options>
void BindRow(CLI::App* app, const OptionRow<Options>& row, Options* options) {
  std::string flags = row.flags.empty() ? "targets" : std::string(row.flags);
  std::string help = OptionHelp(row.help, row.field.syntax);
  std::string_view flag = OptionFlagName(row.flags, row.name);
  auto set = [&row, options, flag](std::string_view v) {
    ThrowIfError(row.field.set(*options, v, flag));
  };
  if (row.field.kind == OptionKind::kFlag) {
    auto on = [&row, options, set](int64_t count) {
      set("true");
      if (count > 1 && row.field.twice) row.field.twice(*options);
    };
    app->add_flag_function(flags, on, help);
  } else if (row.field.kind == OptionKind::kList) {
    auto each = [set](const std::vector<std::string>& values) {
      for (const auto& v : values) set(v);
    };
    auto* opt =
        app->add_option_function<std::vector<std::string>>(flags, each, help);
    // One value per occurrence, so "--exclude X 198.18.0.0/24" leaves the
    // CIDR a target; positional targets take everything left.
    if (!row.flags.empty()) opt->allow_extra_args(false);
  } else {
    auto* opt = app->add_option_function<std::string>(
        flags, [set](const std::string& v) { set(v); }, help);
    auto defaults = row.field.get(Options{});
    opt->default_str(defaults.empty() ? "" : defaults[0]);
    if (!row.value_name.empty()) opt->type_name(std::string(row.value_name));
  }
}

/// Registers every row of `rows` on `app`, writing into `options` (which,
/// like the rows, must outlive the app). Bad values fail the parse.
template <typename Options>
void BindOptions(CLI::App* app, std::span<const OptionRow<Options>> rows,
                 Options* options) {
  for (const OptionRow<Options>& row : rows) BindRow(app, row, options);
}

/// The same for a table held in a vector.
template <typename Options>
void BindOptions(CLI::App* app, const std::vector<OptionRow<Options>>& rows,
                 Options* options) {
  BindOptions(app, std::span<const OptionRow<Options>>(rows), options);
}

}  // namespace amtscope::cli

#endif  // AMTSCOPE_CLI_OPTION_BINDING_H_
