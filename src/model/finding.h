// Finding: what the scanner saw on one open ip:port, and what it concluded.
#ifndef AMTSCOPE_MODEL_FINDING_H_
#define AMTSCOPE_MODEL_FINDING_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/firmware_version.h"

namespace amtscope {

/// The scanner's answer for one port (NDJSON `verdict`).
enum class ScanVerdict { kVulnerable, kNotVulnerable, kUnknown, kNotAmt };
/// What decided the verdict (NDJSON `basis`).
enum class VerdictBasis { kBypass, kVersion, kNone };

/// How much a verdict matters: vulnerable 3 > unknown 2 > not-vulnerable 1 >
/// not-amt 0 (a device's worst port stands for it).
int VerdictSeverity(ScanVerdict verdict);

/// "vulnerable", "not-vulnerable", "unknown", "not-amt".
std::string_view ToString(ScanVerdict verdict);
/// "bypass", "version", "none".
std::string_view ToString(VerdictBasis basis);

/// One open port. Plain data; the writers in report/ serialize it.
struct Finding {
  std::string ip;  // textual address, IPv4 or IPv6
  uint16_t port = 0;
  bool tls = false;         // spoke TLS on this port
  std::string tls_version;  // "TLSv1", "TLSv1.2", "" when plain
  std::string cert_sha256;  // lowercase hex SHA-256 of the TLS leaf
                            // certificate (DER), "" when plain or unseen
  bool amt = false;         // recognised as an Intel AMT web server
  std::string product;      // "amt", "ism", "sbt", "cme", "" (not AMT)
  std::string server;       // raw Server header, "" when absent
  FirmwareVersion version;  // !known() when not given (bare "AMT")
  std::string realm;        // Digest realm, "" when none
  ScanVerdict verdict = ScanVerdict::kNotAmt;
  VerdictBasis basis = VerdictBasis::kNone;
  std::vector<std::string> advisories;  // advisory ids that apply (vulnerable)
  std::string reason;                   // one line: why this verdict
  std::string error;  // "" or a short code: "timeout", "tls", ...
  int bypass_status =
      0;  // HTTP status of the empty-response request, 0 = not sent
  int control_status =
      0;  // HTTP status of the wrong-response control, 0 = not sent
  // The probe's evidence, copied for `scan -v` and --reason:
  int first_status = 0;          // status of the unauthenticated request
  bool web_ui_disabled = false;  // GET /index.htm got 404, WS-Man asked
  std::string resource;          // where the check ran: "/index.htm", "/wsman"
  bool bypass_marker = false;    // an AMT page / SOAP body came with the 200
  std::chrono::system_clock::time_point time;  // when the probe finished
  // Issue 15 (docs/scan.md "Protocols"): RMCP on 623/udp and redirection.
  std::string proto = "tcp";  // "tcp" | "udp" (the RMCP presence ping)
  std::string provisioning;   // AMT's state: "pre", "in", "post"; "" = null
  std::optional<bool> redirection;     // 16994/16995 answered; null: not probed
  std::vector<std::string> exposures;  // "plaintext": 16992 or 623/tcp open
};

/// The short why of a verdict (`scan --reason`): "empty-digest-200/wrong-401",
/// "version 8.1.40 in affected range", "no AMT banner", "no HTTP answer"...
std::string ReasonCode(const Finding& finding);

/// What the probe saw on this port, one line per request and the headers
/// that decided, then the verdict (`scan -v`); raw text, the caller escapes.
std::vector<std::string> EvidenceLines(const Finding& finding);

}  // namespace amtscope

#endif  // AMTSCOPE_MODEL_FINDING_H_
