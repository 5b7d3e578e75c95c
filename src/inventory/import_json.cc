#include "inventory/import_json.h"

#include <arpa/inet.h>

#include "inventory/import.h"

namespace amtscope {

std::string JsonString(const nlohmann::json& j, std::string_view key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>()
                                          : std::string();
}

long long JsonInt(const nlohmann::json& j, std::string_view key, long long lo,
                  long long hi, long long fallback) {
  if (!j.is_object()) return fallback;
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return fallback;
  long long v = it->get<long long>();
  return v < lo || v > hi ? fallback : v;
}

bool JsonBool(const nlohmann::json& j, std::string_view key, bool fallback) {
  if (!j.is_object()) return fallback;
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

bool IsIpAddress(const std::string& ip) {
  unsigned char buf[16];
  return inet_pton(AF_INET, ip.c_str(), buf) == 1 ||
         inet_pton(AF_INET6, ip.c_str(), buf) == 1;
}

namespace {

// A fingerprint as the scanner writes it; anything else is not trusted to
// identify a device.
bool IsSha256Hex(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) return false;
  }
  return true;
}

VerdictBasis ParseBasis(std::string_view s) {
  if (s == "bypass") return VerdictBasis::kBypass;
  if (s == "version") return VerdictBasis::kVersion;
  return VerdictBasis::kNone;
}

std::vector<std::string> StringArray(const nlohmann::json& j,
                                     std::string_view key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& e : *it) {
    if (e.is_string() && out.size() < 64) out.push_back(e.get<std::string>());
  }
  return out;
}

}  // namespace

std::optional<Finding> FindingFromJson(const nlohmann::json& j) {
  Finding f;
  f.ip = JsonString(j, "ip");
  f.port = static_cast<uint16_t>(JsonInt(j, "port", 1, 65535, 0));
  if (f.port == 0 || !IsIpAddress(f.ip)) return std::nullopt;
  f.tls = JsonBool(j, "tls", false);
  f.amt = JsonBool(j, "amt", false);
  f.product = JsonString(j, "product");
  auto version = FirmwareVersion::Parse(JsonString(j, "version"));
  if (version.ok()) f.version = *version;
  f.realm = JsonString(j, "realm");
  f.verdict =
      ParseScanVerdict(JsonString(j, "verdict"))
          .value_or(f.amt ? ScanVerdict::kUnknown : ScanVerdict::kNotAmt);
  f.basis = ParseBasis(JsonString(j, "basis"));
  f.advisories = StringArray(j, "advisories");
  f.error = JsonString(j, "error");
  f.time = ParseRfc3339(JsonString(j, "time")).value_or(f.time);
  f.server = JsonString(j, "server");
  f.reason = JsonString(j, "reason");
  f.tls_version = JsonString(j, "tls_version");
  f.cert_sha256 = JsonString(j, "cert_sha256");
  if (!IsSha256Hex(f.cert_sha256)) f.cert_sha256.clear();
  f.bypass_status = static_cast<int>(JsonInt(j, "bypass_status", 0, 999, 0));
  f.control_status = static_cast<int>(JsonInt(j, "control_status", 0, 999, 0));
  return f;
}

}  // namespace amtscope
