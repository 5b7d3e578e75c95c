#include "core/config_file.h"

#include <fmt/format.h>

#include "core/bounded_file.h"
#include "core/strings.h"

namespace amtscope {
namespace {

constexpr std::string_view kHint =
    "write `key = value`, `[section]` or a # comment on each line "
    "(docs/packaging.md §3)";

struct Cursor {
  std::string_view origin;
  size_t line;
  Status Error(std::string_view why) const {
    return Status::InvalidArgument(fmt::format("{}:{}: {}", origin, line, why),
                                   kHint);
  }
};

bool IsKeyChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

// A TOML basic string starting at text[0] == '"'; `rest` gets what follows.
Result<std::string> QuotedString(std::string_view text, const Cursor& at,
                                 std::string_view* rest) {
  std::string out;
  for (size_t i = 1; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') {
      *rest = text.substr(i + 1);
      return out;
    }
    if (c != '\\') {
      out += c;
      continue;
    }
    if (++i == text.size()) break;
    switch (text[i]) {
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case 't':
        out += '\t';
        break;
      case 'n':
        out += '\n';
        break;
      default:
        return at.Error(fmt::format("unknown escape '\\{}' in a quoted value",
                                    Excerpt(text.substr(i, 1))));
    }
  }
  return at.Error("a quoted value has no closing '\"'");
}

// What may follow a value: spaces and a comment.
Status OnlyComment(std::string_view rest, const Cursor& at) {
  rest = Trim(rest);
  if (rest.empty() || rest[0] == '#' || rest[0] == ';') return Status::Ok();
  return at.Error(
      fmt::format("unexpected '{}' after the value", Excerpt(rest)));
}

// ["a", "b"]: each element a quoted string.
Status ArrayValues(std::string_view text, const Cursor& at,
                   std::vector<std::string>* values) {
  text = Trim(text.substr(1));
  while (!text.empty() && text[0] != ']') {
    if (text[0] != '"')
      return at.Error("array elements must be quoted strings");
    AMTSCOPE_ASSIGN_OR_RETURN(std::string v, QuotedString(text, at, &text));
    values->push_back(std::move(v));
    text = Trim(text);
    if (!text.empty() && text[0] == ',') text = Trim(text.substr(1));
  }
  if (text.empty()) return at.Error("an array has no closing ']' on its line");
  return OnlyComment(text.substr(1), at);
}

Status ParseValue(std::string_view text, const Cursor& at,
                  std::vector<std::string>* values) {
  text = Trim(text);
  if (!text.empty() && text[0] == '[') return ArrayValues(text, at, values);
  if (!text.empty() && text[0] == '"') {
    std::string_view rest;
    AMTSCOPE_ASSIGN_OR_RETURN(std::string v, QuotedString(text, at, &rest));
    values->push_back(std::move(v));
    return OnlyComment(rest, at);
  }
  // Bare value: up to a " #" / " ;" comment.
  size_t cut = text.size();
  for (size_t i = 1; i < text.size(); ++i) {
    if ((text[i] == '#' || text[i] == ';') && IsAsciiSpace(text[i - 1])) {
      cut = i;
      break;
    }
  }
  values->emplace_back(Trim(text.substr(0, cut)));
  return Status::Ok();
}

Result<std::string> SectionName(std::string_view line, const Cursor& at) {
  size_t close = line.find(']');
  if (close == std::string_view::npos)
    return at.Error("a [section] has no ']'");
  std::string name(Trim(line.substr(1, close - 1)));
  if (name.empty()) return at.Error("an empty [section] name");
  for (char c : name) {
    if (!IsKeyChar(c)) {
      return at.Error(fmt::format("bad section name '{}'", Excerpt(name)));
    }
  }
  AMTSCOPE_RETURN_IF_ERROR(OnlyComment(line.substr(close + 1), at));
  return name;
}

Status ParseLine(std::string_view line, const Cursor& at, std::string* section,
                 std::vector<ConfigEntry>* out) {
  line = Trim(line);
  if (line.empty() || line[0] == '#' || line[0] == ';') return Status::Ok();
  if (line[0] == '[') {
    AMTSCOPE_ASSIGN_OR_RETURN(*section, SectionName(line, at));
    return Status::Ok();
  }
  size_t eq = line.find('=');
  if (eq == std::string_view::npos) {
    return at.Error(fmt::format("'{}' is not `key = value`", Excerpt(line)));
  }
  std::string key(Trim(line.substr(0, eq)));
  if (key.empty()) return at.Error("a value without a key");
  for (char& c : key) {
    if (!IsKeyChar(c)) {
      return at.Error(
          fmt::format("bad key '{}' (lower case letters, digits, "
                      "'-' and '_')",
                      Excerpt(key)));
    }
    if (c == '_') c = '-';
  }
  std::vector<std::string> values;
  AMTSCOPE_RETURN_IF_ERROR(ParseValue(line.substr(eq + 1), at, &values));
  for (std::string& v : values) {
    out->push_back({*section, key, std::move(v), at.line});
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<ConfigEntry>> ParseConfigText(std::string_view text,
                                                 std::string_view origin) {
  std::vector<ConfigEntry> entries;
  std::string section;
  size_t line_no = 0;
  size_t start = 0;
  if (text.starts_with("\xEF\xBB\xBF")) start = 3;  // UTF-8 BOM
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    Cursor at{origin, ++line_no};
    if (line.find('\0') != std::string_view::npos) {
      return at.Error("a NUL byte (is this a text file?)");
    }
    AMTSCOPE_RETURN_IF_ERROR(ParseLine(line, at, &section, &entries));
    start = end + 1;
  }
  return entries;
}

}  // namespace amtscope
