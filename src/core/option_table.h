// The option tables: one row per command-line option of a subcommand, the
// single source of its names, help, default (the row's value in a default
// Options) and kind. cli/option_binding.h binds a table to CLI11; the scan's
// --echo and resume files read and write through the same rows; the man
// pages, shell completions and config files are generated from / read
// through them too (cli/manpage.h, cli/completion.h, cli/config.h).
//
// A row names its field through a typed adapter, which parses text into the
// field (with bounds, errors as InvalidArgument with a hint) and prints it
// back in the syntax it reads:
//   {.name = "rate", .flags = "--rate,--max-rate",
//    .help = "New connections per second", .scope = OptionScope::kPace,
//    .field = UintField(&ScanOptions::rate, 1, 10000000, kRateHint)},
#ifndef AMTSCOPE_CORE_OPTION_TABLE_H_
#define AMTSCOPE_CORE_OPTION_TABLE_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/result.h"

namespace amtscope {

/// How an option takes its value on the command line.
enum class OptionKind {
  kValue,  // --name VALUE; the last one given wins
  kList,   // --name VALUE, repeatable: each occurrence appends
  kFlag,   // --name, no value: sets true
};

/// Where an option's value is remembered and what may change it later.
enum class OptionScope {
  kWhat,  // what is done (targets, ports, outputs): saved; fixed on --resume
  kPace,  // pace and verbosity: saved; --resume may change it
  kRun,   // this invocation only (--resume, --echo, --force): never saved
};

/// How a row reads its field from text and writes it back as text.
template <typename Options>
struct OptionField {
  OptionKind kind = OptionKind::kValue;
  /// Parses and stores one value (lists append); `flag` names it in errors.
  std::function<Status(Options&, std::string_view value, std::string_view flag)>
      set;
  /// The current value(s) in the syntax `set` reads; lists one per entry.
  std::function<std::vector<std::string>(const Options&)> get;
  /// Flags only: applied when the flag is given twice (-v -v); may be empty.
  std::function<void(Options&)> twice;
  /// What the help adds about the value's syntax ("" for nothing).
  std::string_view syntax;
  /// The values it accepts when they are a fixed set (enums, choices): the
  /// man pages and completions list them.
  std::vector<std::string_view> choices;
};

/// One option of a subcommand (see the file comment).
template <typename Options>
struct OptionRow {
  std::string_view name;   // in --echo, resume and config files: "rate"
  std::string_view flags;  // command-line names, "--rate,--max-rate"; ""
                           // for the positional arguments
  std::string_view help;
  std::string_view value_name;  // in --help: "DIR"; "" for the default
  OptionScope scope = OptionScope::kWhat;
  OptionField<Options> field;
  /// May also come from a config file or an AMTSCOPE_<NAME> variable
  /// (cli/config.h). Opt-in, and never for a row that names targets: a
  /// config value must not make anything a target (docs/packaging.md §3).
  bool config = false;
};

/// The name an option is called by in messages: its first long flag
/// ("-q,--quiet" gives "--quiet"), else its first flag, else its name.
std::string_view OptionFlagName(std::string_view flags, std::string_view name);

/// InvalidArgument "bad FLAG 'VALUE': WHY" with `hint`.
Status BadOptionValue(std::string_view flag, std::string_view value,
                      std::string_view why, std::string_view hint);

/// A whole number in [min, max]; InvalidArgument naming `flag` otherwise.
Result<uint64_t> ParseUintOption(std::string_view flag, std::string_view text,
                                 uint64_t min, uint64_t max,
                                 std::string_view hint);

/// true/1/yes or false/0/no.
Result<bool> ParseBoolOption(std::string_view flag, std::string_view text);

/// The one duration syntax: "500ms", "3s", "1.5s", "2m", "1h"; a bare
/// number is seconds.
Result<std::chrono::milliseconds> ParseDuration(std::string_view text);

/// `d` in the largest unit that writes it exactly: "500ms", "3s", "2m", "1h".
std::string FormatDuration(std::chrono::milliseconds d);

/// ParseDuration bounded to [min, max]; InvalidArgument naming `flag`.
Result<std::chrono::milliseconds> ParseBoundedDuration(
    std::string_view flag, std::string_view text, std::chrono::milliseconds min,
    std::chrono::milliseconds max, std::string_view hint);

/// What a duration option's help says about its syntax.
inline constexpr std::string_view kDurationSyntax =
    "(a duration: 500ms, 3s, 2m; a bare number is seconds)";

/// A count of bytes: "65536", "64k", "64KiB", "1M", "1MiB".
Result<uint64_t> ParseByteCount(std::string_view flag, std::string_view text,
                                uint64_t min, uint64_t max,
                                std::string_view hint);

/// One entry of an enum's names table: the table parses, prints and helps.
template <typename E>
struct EnumName {
  E value;
  std::string_view name;
};

/// The value called `text` in `names`, or nullopt.
template <typename E>
std::optional<E> ParseEnumName(std::span<const EnumName<E>> names,
                               std::string_view text) {
  for (const auto& entry : names) {
    if (entry.name == text) return entry.value;
  }
  return std::nullopt;
}

/// The name of `value` in `names` ("" when the table lacks it).
template <typename E>
std::string_view EnumNameOf(std::span<const EnumName<E>> names, E value) {
  for (const auto& entry : names) {
    if (entry.value == value) return entry.name;
  }
  return "";
}

/// "a, b or c": the names for a hint.
template <typename E>
std::string EnumNameList(std::span<const EnumName<E>> names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i].name;
  }
  return out;
}

// ---- Typed field adapters: each gives a row's .field. ----

/// An unsigned field (any integer type) bounded to [min, max].
template <typename Options, typename T>
OptionField<Options> UintField(T Options::*member, uint64_t min, uint64_t max,
                               std::string_view hint) {
  return {.kind = OptionKind::kValue,
          .set =
              [=](Options& o, std::string_view v, std::string_view flag) {
                auto n = ParseUintOption(flag, v, min, max, hint);
                if (n.ok()) o.*member = static_cast<T>(*n);
                return n.status();
              },
          .get =
              [=](const Options& o) {
                return std::vector<std::string>{std::to_string(o.*member)};
              }};
}

/// An optional unsigned field: absent by default, printed as nothing.
template <typename Options, typename T>
OptionField<Options> OptionalUintField(std::optional<T> Options::*member,
                                       uint64_t min, uint64_t max,
                                       std::string_view hint) {
  return {.kind = OptionKind::kValue,
          .set =
              [=](Options& o, std::string_view v, std::string_view flag) {
                auto n = ParseUintOption(flag, v, min, max, hint);
                if (n.ok()) o.*member = static_cast<T>(*n);
                return n.status();
              },
          .get =
              [=](const Options& o) {
                const auto& value = o.*member;
                return value ? std::vector<std::string>{std::to_string(*value)}
                             : std::vector<std::string>{};
              }};
}

/// A byte count (64k, 1M) bounded to [min, max] bytes.
template <typename Options, typename T>
OptionField<Options> BytesField(T Options::*member, uint64_t min, uint64_t max,
                                std::string_view hint) {
  OptionField<Options> field = UintField(member, min, max, hint);
  field.set = [=](Options& o, std::string_view v, std::string_view flag) {
    auto n = ParseByteCount(flag, v, min, max, hint);
    if (n.ok()) o.*member = static_cast<T>(*n);
    return n.status();
  };
  return field;
}

/// A flag: absent false, given true; `twice` (if any) is also set by -v -v.
template <typename Options>
OptionField<Options> BoolField(bool Options::*member,
                               bool Options::*twice = nullptr) {
  OptionField<Options> field{
      .kind = OptionKind::kFlag,
      .set =
          [=](Options& o, std::string_view v, std::string_view flag) {
            auto b = ParseBoolOption(flag, v);
            if (b.ok()) o.*member = *b;
            return b.status();
          },
      .get =
          [=](const Options& o) {
            return std::vector<std::string>{o.*member ? "true" : "false"};
          }};
  if (twice != nullptr) field.twice = [=](Options& o) { o.*twice = true; };
  return field;
}

/// A text field; empty means unset and prints as nothing.
template <typename Options>
OptionField<Options> StringField(std::string Options::*member) {
  return {.kind = OptionKind::kValue,
          .set =
              [=](Options& o, std::string_view v, std::string_view) {
                o.*member = std::string(v);
                return Status::Ok();
              },
          .get =
              [=](const Options& o) {
                const std::string& value = o.*member;
                return value.empty() ? std::vector<std::string>{}
                                     : std::vector<std::string>{value};
              }};
}

/// A text field limited to `choices` (kept as text for its consumer).
template <typename Options>
OptionField<Options> ChoiceField(std::string Options::*member,
                                 std::span<const std::string_view> choices,
                                 std::string_view hint) {
  OptionField<Options> field = StringField(member);
  field.choices.assign(choices.begin(), choices.end());
  field.set = [=](Options& o, std::string_view v, std::string_view flag) {
    for (std::string_view choice : choices) {
      if (v != choice) continue;
      o.*member = std::string(v);
      return Status::Ok();
    }
    return BadOptionValue(flag, v, "not one of the choices", hint);
  };
  return field;
}

/// A repeatable text field: each value appends.
template <typename Options>
OptionField<Options> ListField(std::vector<std::string> Options::*member) {
  return {.kind = OptionKind::kList,
          .set =
              [=](Options& o, std::string_view v, std::string_view) {
                (o.*member).emplace_back(v);
                return Status::Ok();
              },
          .get = [=](const Options& o) { return o.*member; }};
}

/// A duration (kDurationSyntax) bounded to [min, max].
template <typename Options>
OptionField<Options> DurationField(std::chrono::milliseconds Options::*member,
                                   std::chrono::milliseconds min,
                                   std::chrono::milliseconds max,
                                   std::string_view hint) {
  return {.kind = OptionKind::kValue,
          .set =
              [=](Options& o, std::string_view v, std::string_view flag) {
                auto d = ParseBoundedDuration(flag, v, min, max, hint);
                if (d.ok()) o.*member = *d;
                return d.status();
              },
          .get =
              [=](const Options& o) {
                return std::vector<std::string>{FormatDuration(o.*member)};
              },
          .syntax = kDurationSyntax};
}

/// An enum field read and printed through its names table.
template <typename Options, typename E>
OptionField<Options> EnumField(
    E Options::*member,
    std::type_identity_t<std::span<const EnumName<E>>> names,
    std::string_view why, std::string_view hint) {
  OptionField<Options> field{
      .kind = OptionKind::kValue,
      .set =
          [=](Options& o, std::string_view v, std::string_view flag) {
            auto value = ParseEnumName(names, v);
            if (!value) return BadOptionValue(flag, v, why, hint);
            o.*member = *value;
            return Status::Ok();
          },
      .get =
          [=](const Options& o) {
            return std::vector<std::string>{
                std::string(EnumNameOf(names, o.*member))};
          }};
  for (const auto& entry : names) field.choices.push_back(entry.name);
  return field;
}

/// An optional enum field: `unset` ("auto") names the absent value.
template <typename Options, typename E>
OptionField<Options> EnumField(
    std::optional<E> Options::*member,
    std::type_identity_t<std::span<const EnumName<E>>> names,
    std::string_view unset, std::string_view why, std::string_view hint) {
  OptionField<Options> field{
      .kind = OptionKind::kValue,
      .set =
          [=](Options& o, std::string_view v, std::string_view flag) {
            auto value = ParseEnumName(names, v);
            if (!value && v != unset) return BadOptionValue(flag, v, why, hint);
            o.*member = value;
            return Status::Ok();
          },
      .get =
          [=](const Options& o) {
            const auto& value = o.*member;
            return std::vector<std::string>{
                std::string(value ? EnumNameOf(names, *value) : unset)};
          }};
  field.choices.push_back(unset);
  for (const auto& entry : names) field.choices.push_back(entry.name);
  return field;
}

}  // namespace amtscope

#endif  // AMTSCOPE_CORE_OPTION_TABLE_H_
