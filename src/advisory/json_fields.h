// JsonFields: typed, path-naming access to a JSON object (data file loaders).
#ifndef AMTSCOPE_ADVISORY_JSON_FIELDS_H_
#define AMTSCOPE_ADVISORY_JSON_FIELDS_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace amtscope {

/// Where a data file's errors come from and what the user should do.
struct JsonSource {
  std::string label;  // "advisory database"
  std::string hint;   // "fix the field ... or drop --advisories"
};

/// Reads the fields of one JSON object; every error is Corruption naming the
/// JSON path ("advisories[3].ranges[1].fixed") and carrying the source hint.
class JsonFields {
 public:
  /// Fails when `value` is not an object.
  static Result<JsonFields> Of(const nlohmann::json& value, std::string path,
                               const JsonSource& source);

  const std::string& path() const { return path_; }
  /// "path.key".
  std::string PathOf(std::string_view key) const;
  /// The member, or nullptr when absent or null.
  const nlohmann::json* Get(std::string_view key) const;
  /// A Corruption error about `key`.
  Status Error(std::string_view key, std::string_view what) const;

  /// A required non-empty string.
  Result<std::string> String(std::string_view key) const;
  /// An optional string ("" when absent).
  Result<std::string> OptString(std::string_view key) const;
  /// An optional array of strings (empty when absent); a lone string is
  /// accepted as a one-element list.
  Result<std::vector<std::string>> Strings(std::string_view key) const;
  /// An optional number.
  Result<std::optional<double>> OptNumber(std::string_view key) const;
  /// An optional boolean.
  Result<bool> OptBool(std::string_view key, bool fallback) const;

 private:
  JsonFields(const nlohmann::json& object, std::string path,
             const JsonSource& source)
      : object_(&object), path_(std::move(path)), source_(&source) {}

  const nlohmann::json* object_;
  std::string path_;
  const JsonSource* source_;
};

/// Parses `text` as JSON; Corruption with line/column-free position on error.
Result<nlohmann::json> ParseJsonText(std::string_view text,
                                     const JsonSource& source);

}  // namespace amtscope

#endif  // AMTSCOPE_ADVISORY_JSON_FIELDS_H_
