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
#include <functional>
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

/// What a bound row leaves behind for the generators and the config layer,
/// keyed by its CLI11 option: the man pages and completions list `choices`;
/// config files and AMTSCOPE_* variables reach `set` for `config` rows.
struct BoundRow {
  std::string name;  // the row's name ("rate"): config key, AMTSCOPE_RATE
  std::string option_name;  // the CLI11 option's name, to tell a stale entry
  OptionKind kind = OptionKind::kValue;
  OptionScope scope = OptionScope::kWhat;
  bool config = false;
  std::vector<std::string> choices;
  std::function<Status(std::string_view)> set;  // into the bound Options
  std::function<std::vector<std::string>()> get;
};

/// Remembers `row` as the row behind `option` (BindRow calls it).
void RememberRow(const CLI::Option* option, BoundRow row);
/// The row behind `option`, or nullptr for options added without a table.
const BoundRow* FindBoundRow(const CLI::Option* option);

/// The BoundRow of `row` writing into `options`.
template <typename Options>
BoundRow MakeBoundRow(const OptionRow<Options>& row, Options* options) {
  std::string_view flag = OptionFlagName(row.flags, row.name);
  return {.name = std::string(row.name),
          .kind = row.field.kind,
          .scope = row.scope,
          .config = row.config,
          .choices = {row.field.choices.begin(), row.field.choices.end()},
          .set =
              [&row, options, flag](std::string_view v) {
                return row.field.set(*options, v, flag);
              },
          .get = [&row, options] { return row.field.get(*options); }};
}

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
    RememberRow(app->add_flag_function(flags, on, help),
                MakeBoundRow(row, options));
  } else if (row.field.kind == OptionKind::kList) {
    auto each = [set](const std::vector<std::string>& values) {
      for (const auto& v : values) set(v);
    };
    auto* opt =
        app->add_option_function<std::vector<std::string>>(flags, each, help);
    // One value per occurrence, so "--exclude X 198.18.0.0/24" leaves the
    // CIDR a target; positional targets take everything left.
    if (!row.flags.empty()) opt->allow_extra_args(false);
    RememberRow(opt, MakeBoundRow(row, options));
  } else {
    auto* opt = app->add_option_function<std::string>(
        flags, [set](const std::string& v) { set(v); }, help);
    auto defaults = row.field.get(Options{});
    opt->default_str(defaults.empty() ? "" : defaults[0]);
    if (!row.value_name.empty()) opt->type_name(std::string(row.value_name));
    RememberRow(opt, MakeBoundRow(row, options));
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
