// Small JSON helpers the importers share (nlohmann, never throwing).
#ifndef AMTSCOPE_INVENTORY_IMPORT_JSON_H_
#define AMTSCOPE_INVENTORY_IMPORT_JSON_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "inventory/flat_json.h"
#include "model/finding.h"

namespace amtscope {

/// j[key] when it is a string, else "".
std::string JsonString(const nlohmann::json& j, std::string_view key);
/// j[key] when it is an integer in [lo, hi], else `fallback`.
long long JsonInt(const nlohmann::json& j, std::string_view key, long long lo,
                  long long hi, long long fallback);
/// j[key] when it is a boolean, else `fallback`.
bool JsonBool(const nlohmann::json& j, std::string_view key, bool fallback);

/// One NDJSON port record (report/ndjson_writer.cc FindingToJson) back into
/// a Finding; nullopt without a valid ip and port.
std::optional<Finding> FindingFromJson(const nlohmann::json& j);
/// The same from the fast reader (same fields, same checks).
std::optional<Finding> FindingFromJson(const FlatJson& j);

/// True when `ip` is a textual IPv4 or IPv6 address.
bool IsIpAddress(const std::string& ip);

}  // namespace amtscope

#endif  // AMTSCOPE_INVENTORY_IMPORT_JSON_H_
