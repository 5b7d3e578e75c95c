#include "core/option_table.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <utility>

namespace amtscope {

namespace {

// `text` without `suffix` when it ends with it (and has more before it).
bool CutSuffix(std::string_view* text, std::string_view suffix) {
  if (text->size() <= suffix.size() ||
      text->substr(text->size() - suffix.size()) != suffix) {
    return false;
  }
  text->remove_suffix(suffix.size());
  return true;
}

// 1024 as "1k", 16 MiB as "16M": how --max-response is written.
std::string FormatBytes(uint64_t n) {
  if (n != 0 && n % (1 << 20) == 0) return fmt::format("{}M", n >> 20);
  if (n != 0 && n % 1024 == 0) return fmt::format("{}k", n >> 10);
  return std::to_string(n);
}

}  // namespace

std::string_view OptionFlagName(std::string_view flags, std::string_view name) {
  std::string_view first;
  while (!flags.empty()) {
    size_t comma = flags.find(',');
    std::string_view flag = flags.substr(0, comma);
    if (flag.starts_with("--")) return flag;
    if (first.empty()) first = flag;
    flags = comma == std::string_view::npos ? "" : flags.substr(comma + 1);
  }
  return first.empty() ? name : first;
}

Status BadOptionValue(std::string_view flag, std::string_view value,
                      std::string_view why, std::string_view hint) {
  return Status::InvalidArgument(
      fmt::format("bad {} '{}': {}", flag, value, why), hint);
}

Result<uint64_t> ParseUintOption(std::string_view flag, std::string_view text,
                                 uint64_t min, uint64_t max,
                                 std::string_view hint) {
  uint64_t value = 0;
  auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    return BadOptionValue(flag, text, "not a whole number", hint);
  }
  if (value < min || value > max) {
    return BadOptionValue(flag, text, fmt::format("must be {} to {}", min, max),
                          hint);
  }
  return value;
}

Result<bool> ParseBoolOption(std::string_view flag, std::string_view text) {
  if (text == "true" || text == "1" || text == "yes") return true;
  if (text == "false" || text == "0" || text == "no") return false;
  return BadOptionValue(flag, text, "not true or false", "write true or false");
}

Result<std::chrono::milliseconds> ParseDuration(std::string_view text) {
  double unit_ms = 1000;  // a bare number is seconds
  std::string_view number = text;
  for (auto [suffix, ms] :
       {std::pair{"ms", 1.0}, {"s", 1000.0}, {"m", 60000.0}, {"h", 3.6e6}}) {
    if (CutSuffix(&number, suffix)) {
      unit_ms = ms;
      break;
    }
  }
  double value = 0;
  auto [end, ec] =
      std::from_chars(number.data(), number.data() + number.size(), value);
  if (number.empty() || ec != std::errc() ||
      end != number.data() + number.size() || !(value >= 0) || value > 1e9) {
    return Status::InvalidArgument(fmt::format("bad duration '{}'", text),
                                   "write e.g. 3s, 500ms or 1m");
  }
  return std::chrono::milliseconds(std::llround(value * unit_ms));
}

std::string FormatDuration(std::chrono::milliseconds d) {
  int64_t ms = d.count();
  if (ms == 0 || ms % 1000 != 0) return fmt::format("{}ms", ms);
  if (ms % 3600000 == 0) return fmt::format("{}h", ms / 3600000);
  if (ms % 60000 == 0) return fmt::format("{}m", ms / 60000);
  return fmt::format("{}s", ms / 1000);
}

Result<std::chrono::milliseconds> ParseBoundedDuration(
    std::string_view flag, std::string_view text, std::chrono::milliseconds min,
    std::chrono::milliseconds max, std::string_view hint) {
  auto d = ParseDuration(text);
  if (!d.ok()) return BadOptionValue(flag, text, "not a duration", hint);
  if (*d < min || *d > max) {
    std::string range =
        min.count() <= 1
            ? fmt::format("must be above 0 and at most {}", FormatDuration(max))
            : fmt::format("must be {} to {}", FormatDuration(min),
                          FormatDuration(max));
    return BadOptionValue(flag, text, range, hint);
  }
  return *d;
}

Result<uint64_t> ParseByteCount(std::string_view flag, std::string_view text,
                                uint64_t min, uint64_t max,
                                std::string_view hint) {
  std::string_view digits = text;
  uint64_t unit = 1;
  for (auto [suffix, mult] : {std::pair{"KiB", 1024},
                              {"MiB", 1 << 20},
                              {"k", 1024},
                              {"K", 1024},
                              {"m", 1 << 20},
                              {"M", 1 << 20}}) {
    if (CutSuffix(&digits, suffix)) {
      unit = static_cast<uint64_t>(mult);
      break;
    }
  }
  AMTSCOPE_ASSIGN_OR_RETURN(uint64_t n,
                            ParseUintOption(flag, digits, 1, max, hint));
  if (n * unit < min || n * unit > max) {
    return BadOptionValue(
        flag, text,
        fmt::format("must be {} to {}", FormatBytes(min), FormatBytes(max)),
        hint);
  }
  return n * unit;
}

}  // namespace amtscope
