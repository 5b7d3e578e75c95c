// FlatJson: a fast reader for one NDJSON line that is a flat object (string,
// integer, boolean and null values, arrays of strings), the shape of every
// amtscope scan record. `inventory import` reads a million of them; a DOM per
// line (nlohmann) costs about 5 µs, this about 1. Anything else (nesting,
// floats, non-ASCII bytes, a malformed line) makes Parse fail and the caller
// falls back to nlohmann, so the two accept the same files.
#ifndef AMTSCOPE_INVENTORY_FLAT_JSON_H_
#define AMTSCOPE_INVENTORY_FLAT_JSON_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace amtscope {

class FlatJson {
 public:
  /// Parses `line` (one object, nothing after it but spaces); false when it
  /// is not a flat object this reader understands.
  bool Parse(std::string_view line);

  /// The value of `key` when it is a string.
  std::optional<std::string_view> String(std::string_view key) const;
  /// The value of `key` when it is an integer that fits in int64.
  std::optional<int64_t> Int(std::string_view key) const;
  /// The value of `key` when it is a boolean.
  std::optional<bool> Bool(std::string_view key) const;
  /// The strings of `key` when it is an array of strings, else empty.
  std::vector<std::string> Strings(std::string_view key) const;

 private:
  enum class Kind : uint8_t { kString, kInt, kBool, kNull, kArray };
  struct Field {
    std::string key;
    Kind kind = Kind::kNull;
    std::string text;                // kString
    int64_t number = 0;              // kInt; kBool: 0/1
    std::vector<std::string> items;  // kArray
  };
  const Field* Find(std::string_view key) const;
  bool ParseValue(Field* field);
  bool ParseString(std::string* out);
  bool ParseInt(int64_t* out);
  void SkipSpace();

  std::string_view in_;
  size_t pos_ = 0;
  std::vector<Field> fields_;  // reused across Parse calls
  size_t count_ = 0;
};

}  // namespace amtscope

#endif  // AMTSCOPE_INVENTORY_FLAT_JSON_H_
