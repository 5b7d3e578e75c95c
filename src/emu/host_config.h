// HostConfig: what one emulated AMT device is (settings given by the user),
// and HostProfile: everything derived from it once at start.
#ifndef AMTSCOPE_EMU_HOST_CONFIG_H_
#define AMTSCOPE_EMU_HOST_CONFIG_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "amt/rmcp.h"
#include "core/firmware_version.h"
#include "core/result.h"

namespace amtscope::emu {

/// Vulnerable firmware accepts empty/prefix digests (CVE-2017-5689); patched
/// firmware only the exact digest; any-password accepts every response for
/// `admin`, a wrong one too (a honeypot or broken device, never real AMT).
enum class Mode { kVulnerable, kPatched, kAnyPassword };
/// Which manageability product the Server header and pages name; kPlainWeb
/// is no AMT at all: an ordinary web server (for mixed fleets and the demo).
enum class Product { kAmt, kIsm, kSbt, kPlainWeb };

/// How a host answers the RMCP presence ping on UDP 623 (docs/protocol.md
/// §2.12): as AMT, not at all (RmcpPingResponseEnabled=false), or as one of
/// the look-alikes a scanner must not call AMT: an ordinary IPMI/ASF BMC, a
/// truncated pong, Intel's number byte-swapped, a UDP echo server.
enum class RmcpMode { kAmt, kOff, kBmc, kTruncated, kWrongEnterprise, kEcho };
std::string_view ToString(RmcpMode mode);
/// "amt", "off", "bmc", "truncated", "wrong-enterprise", "echo"; also true
/// (= amt) and false (= off) through the fleet parser.
Result<RmcpMode> ParseRmcpMode(std::string_view text);

/// One listening port: TLS or plain HTTP. Port 0 = ephemeral (tests).
struct ListenPort {
  uint16_t port = 16992;
  bool tls = false;
  /// 16993 and 664 are TLS, everything else plain (docs/protocol.md §2.10).
  static ListenPort Standard(uint16_t port) {
    return {port, port == 16993 || port == 664};
  }
  /// Parses "16992", "664", "0/tls", "18080/http"; bare numbers must be AMT
  /// ports.
  static Result<ListenPort> Parse(std::string_view text);
  bool operator==(const ListenPort&) const = default;
};

/// The user-visible settings of one emulated device.
struct HostConfig {
  std::string address = "127.0.0.1";  // IPv4 or IPv6 literal; only it is bound
  std::vector<ListenPort> ports = {ListenPort::Standard(16992),
                                   ListenPort::Standard(16993)};
  std::string firmware = "8.1.40";  // 3 or 4 parts ("11.8.50.3425")
  std::optional<int> build;         // overrides/adds the 4th part
  Mode mode = Mode::kVulnerable;
  Product product = Product::kAmt;
  std::string admin_password = "P@ssw0rd";
  std::string realm;          // "" = derived from address + fleet seed
  bool bare_banner = false;   // `Server: AMT` instead of the full form
  bool web_ui = true;         // false: HTML pages 404, /wsman still works
  std::string cert_file;      // PEM; "" = self-signed generated at start
  std::string key_file;       // PEM; required with cert_file
  std::string computer_name;  // "" = derived
  // Beyond the web server (issue 15, docs/emulate.md "RMCP and redirection"):
  std::optional<RmcpMode> rmcp;  // unset: amt for AMT products, off for web
  uint16_t rmcp_port = 623;      // UDP; 0 = ephemeral (tests)
  AmtProvisioning provisioning = AmtProvisioning::kPost;  // pre: no web
  std::optional<bool> redirection;  // unset: on for provisioned AMT
  /// Redirection listeners; empty = 16994 beside a plain standard web port,
  /// 16995 (TLS) beside a TLS one.
  std::vector<ListenPort> redirection_ports;
};

/// Checks one host's settings; messages name the offending field.
Status ValidateHostConfig(const HostConfig& host);

std::string_view ToString(Mode mode);
std::string_view ToString(Product product);
Result<Mode> ParseMode(std::string_view text);
Result<Product> ParseProduct(std::string_view text);

/// Everything derived from a HostConfig that responses need; built once.
struct HostProfile {
  HostConfig config;
  FirmwareVersion version;    // with build
  std::string server_header;  // value of `Server:`
  std::string realm;          // "Digest:" + 32 hex
  std::string product_name;   // "Active Management Technology", ...
  std::string computer_name;
  std::string system_id;     // UUID shown on index.htm
  bool legacy_tls = false;   // 6.x–11.x: TLS 1.0/1.1 + RSA-AES-CBC only
  bool redirect_303 = true;  // old firmware: 303 relative; newer 302 absolute
  int failed_page_variant = 689;   // 401 body length family (§2.3)
  bool eoi_soap = true;            // EOI SOAP (amttool) exists before AMT 9.0
  RmcpMode rmcp = RmcpMode::kOff;  // resolved
  bool rmcp_explicit = false;      // asked for: a bind failure is an error
  bool web = true;                 // false when unprovisioned (pre)
  std::vector<ListenPort> redirection_ports;  // resolved; empty = none
  bool redirection_explicit = false;
  /// The pong's web-port fields (§2.12): the port AMT names, and whether
  /// both 16992 and 16993 are open.
  uint16_t pong_web_port = 16992;
  bool pong_both_ports = false;
};

/// Derives the profile; `seed` makes realms/names stable per fleet.
Result<HostProfile> MakeHostProfile(const HostConfig& config, uint64_t seed);

}  // namespace amtscope::emu

#endif  // AMTSCOPE_EMU_HOST_CONFIG_H_
