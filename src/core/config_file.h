// The config file syntax (docs/packaging.md §3): INI that is also the TOML
// subset people write by hand.
//
//   # comment                      ; comment
//   db = postgresql:///amtscope    keys outside a section: every command
//   [scan]
//   rate = 2000
//   exclude = "198.18.0.1"         TOML basic string (\" \\ \t \n escapes)
//   exclude = ["198.18.0.2", "198.18.0.3"]   an array: one entry each
//
// Keys are lower case [a-z0-9-_] ('_' reads as '-'); a key may repeat (list
// options collect every value). The parser knows no option: cli/config.h
// checks keys against the option tables.
#ifndef AMTSCOPE_CORE_CONFIG_FILE_H_
#define AMTSCOPE_CORE_CONFIG_FILE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace amtscope {

/// Largest config file read (a config is a few hundred bytes).
inline constexpr size_t kMaxConfigFileBytes = size_t{1} << 20;

/// One `key = value` of a config file.
struct ConfigEntry {
  std::string section;  // "" outside any [section]
  std::string key;      // "exclude-file" (also for exclude_file)
  std::string value;    // unquoted, unescaped
  size_t line = 0;      // 1-based
};

/// The entries of `text`, in file order. InvalidArgument "ORIGIN:LINE:
/// why" with a hint on the first malformed line.
Result<std::vector<ConfigEntry>> ParseConfigText(std::string_view text,
                                                 std::string_view origin);

}  // namespace amtscope

#endif  // AMTSCOPE_CORE_CONFIG_FILE_H_
