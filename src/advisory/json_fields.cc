#include "advisory/json_fields.h"

#include <fmt/format.h>

namespace amtscope {

namespace {

std::string_view TypeName(const nlohmann::json& value) {
  return value.type_name();
}

}  // namespace

Result<JsonFields> JsonFields::Of(const nlohmann::json& value, std::string path,
                                  const JsonSource& source) {
  if (!value.is_object()) {
    return Status::Corruption(
        fmt::format("{}: {}: expected an object, found {}", source.label,
                    path.empty() ? "(top level)" : path, TypeName(value)),
        source.hint);
  }
  return JsonFields(value, std::move(path), source);
}

std::string JsonFields::PathOf(std::string_view key) const {
  return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
}

const nlohmann::json* JsonFields::Get(std::string_view key) const {
  auto it = object_->find(key);
  if (it == object_->end() || it->is_null()) return nullptr;
  return &*it;
}

Status JsonFields::Error(std::string_view key, std::string_view what) const {
  return Status::Corruption(
      fmt::format("{}: {}: {}", source_->label, PathOf(key), what),
      source_->hint);
}

Result<std::string> JsonFields::String(std::string_view key) const {
  const nlohmann::json* value = Get(key);
  if (value == nullptr) return Error(key, "missing (a string is required)");
  if (!value->is_string()) {
    return Error(key,
                 fmt::format("expected a string, found {}", TypeName(*value)));
  }
  std::string out = value->get<std::string>();
  if (out.empty()) return Error(key, "must not be empty");
  return out;
}

Result<std::string> JsonFields::OptString(std::string_view key) const {
  const nlohmann::json* value = Get(key);
  if (value == nullptr) return std::string();
  if (!value->is_string()) {
    return Error(key,
                 fmt::format("expected a string, found {}", TypeName(*value)));
  }
  return value->get<std::string>();
}

Result<std::vector<std::string>> JsonFields::Strings(
    std::string_view key) const {
  const nlohmann::json* value = Get(key);
  std::vector<std::string> out;
  if (value == nullptr) return out;
  if (value->is_string()) {
    out.push_back(value->get<std::string>());
    return out;
  }
  if (!value->is_array()) {
    return Error(key, fmt::format("expected an array of strings, found {}",
                                  TypeName(*value)));
  }
  for (std::size_t i = 0; i < value->size(); ++i) {
    const nlohmann::json& item = (*value)[i];
    if (!item.is_string()) {
      return Error(fmt::format("{}[{}]", key, i),
                   fmt::format("expected a string, found {}", TypeName(item)));
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

Result<std::optional<double>> JsonFields::OptNumber(
    std::string_view key) const {
  const nlohmann::json* value = Get(key);
  if (value == nullptr) return std::optional<double>();
  if (!value->is_number()) {
    return Error(key,
                 fmt::format("expected a number, found {}", TypeName(*value)));
  }
  return std::optional<double>(value->get<double>());
}

Result<bool> JsonFields::OptBool(std::string_view key, bool fallback) const {
  const nlohmann::json* value = Get(key);
  if (value == nullptr) return fallback;
  if (!value->is_boolean()) {
    return Error(
        key, fmt::format("expected true or false, found {}", TypeName(*value)));
  }
  return value->get<bool>();
}

Result<nlohmann::json> ParseJsonText(std::string_view text,
                                     const JsonSource& source) {
  // nlohmann reports syntax errors by exception; convert at this edge.
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    return Status::Corruption(
        fmt::format("{}: not valid JSON: {}", source.label, e.what()),
        source.hint);
  }
}

}  // namespace amtscope
