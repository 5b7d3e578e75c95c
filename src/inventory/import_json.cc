#include "inventory/import_json.h"

#include <arpa/inet.h>

#include "inventory/flat_json.h"
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

namespace {

// The accessors FindingFrom needs, for both readers.
std::string Str(const nlohmann::json& j, std::string_view key) {
  return JsonString(j, key);
}
std::string Str(const FlatJson& j, std::string_view key) {
  return std::string(j.String(key).value_or(""));
}
long long Int(const nlohmann::json& j, std::string_view key, long long lo,
              long long hi, long long fallback) {
  return JsonInt(j, key, lo, hi, fallback);
}
long long Int(const FlatJson& j, std::string_view key, long long lo,
              long long hi, long long fallback) {
  auto v = j.Int(key);
  return !v || *v < lo || *v > hi ? fallback : *v;
}
bool Bool(const nlohmann::json& j, std::string_view key, bool fallback) {
  return JsonBool(j, key, fallback);
}
bool Bool(const FlatJson& j, std::string_view key, bool fallback) {
  return j.Bool(key).value_or(fallback);
}
std::optional<bool> OptBool(const nlohmann::json& j, std::string_view key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_boolean()) return std::nullopt;
  return it->get<bool>();
}
std::optional<bool> OptBool(const FlatJson& j, std::string_view key) {
  return j.Bool(key);
}
std::vector<std::string> Strings(const FlatJson& j, std::string_view key) {
  std::vector<std::string> out = j.Strings(key);
  if (out.size() > 64) out.resize(64);
  return out;
}
std::vector<std::string> Strings(const nlohmann::json& j,
                                 std::string_view key) {
  return StringArray(j, key);
}

// One record's fields, whichever reader parsed the line.
template <typename Object>
std::optional<Finding> FindingFrom(const Object& j) {
  Finding f;
  f.ip = Str(j, "ip");
  f.port = static_cast<uint16_t>(Int(j, "port", 1, 65535, 0));
  if (f.port == 0 || !IsIpAddress(f.ip)) return std::nullopt;
  f.tls = Bool(j, "tls", false);
  f.amt = Bool(j, "amt", false);
  f.product = Str(j, "product");
  auto version = FirmwareVersion::Parse(Str(j, "version"));
  if (version.ok()) f.version = *version;
  f.realm = Str(j, "realm");
  f.verdict =
      ParseScanVerdict(Str(j, "verdict"))
          .value_or(f.amt ? ScanVerdict::kUnknown : ScanVerdict::kNotAmt);
  f.basis = ParseBasis(Str(j, "basis"));
  f.advisories = Strings(j, "advisories");
  f.error = Str(j, "error");
  f.time = ParseRfc3339(Str(j, "time")).value_or(f.time);
  f.server = Str(j, "server");
  f.reason = Str(j, "reason");
  f.tls_version = Str(j, "tls_version");
  f.cert_sha256 = Str(j, "cert_sha256");
  if (!IsSha256Hex(f.cert_sha256)) f.cert_sha256.clear();
  f.bypass_status = static_cast<int>(Int(j, "bypass_status", 0, 999, 0));
  f.control_status = static_cast<int>(Int(j, "control_status", 0, 999, 0));
  if (std::string proto = Str(j, "proto"); proto == "udp") f.proto = proto;
  f.provisioning = Str(j, "provisioning");
  if (f.provisioning != "pre" && f.provisioning != "in" &&
      f.provisioning != "post")
    f.provisioning.clear();
  if (auto r = OptBool(j, "redirection")) f.redirection = *r;
  f.exposures = Strings(j, "exposures");
  return f;
}

}  // namespace

std::optional<Finding> FindingFromJson(const nlohmann::json& j) {
  return FindingFrom(j);
}

std::optional<Finding> FindingFromJson(const FlatJson& j) {
  return FindingFrom(j);
}

}  // namespace amtscope
