#include "model/finding.h"

#include <fmt/format.h>

namespace amtscope {

namespace {

std::string StatusText(int status, const std::string& error) {
  if (status != 0) return std::to_string(status);
  return error.empty() ? "no answer" : "no answer (" + error + ")";
}

}  // namespace

int VerdictSeverity(ScanVerdict v) {
  switch (v) {
    case ScanVerdict::kVulnerable:
      return 3;
    case ScanVerdict::kUnknown:
      return 2;
    case ScanVerdict::kNotVulnerable:
      return 1;
    case ScanVerdict::kNotAmt:
      return 0;
  }
  return 0;
}

std::string_view ToString(ScanVerdict verdict) {
  switch (verdict) {
    case ScanVerdict::kVulnerable:
      return "vulnerable";
    case ScanVerdict::kNotVulnerable:
      return "not-vulnerable";
    case ScanVerdict::kUnknown:
      return "unknown";
    case ScanVerdict::kNotAmt:
      return "not-amt";
  }
  return "unknown";
}

std::string_view ToString(VerdictBasis basis) {
  switch (basis) {
    case VerdictBasis::kBypass:
      return "bypass";
    case VerdictBasis::kVersion:
      return "version";
    case VerdictBasis::kNone:
      return "none";
  }
  return "none";
}

std::string ReasonCode(const Finding& f) {
  // RMCP (udp) and redirection records carry no HTTP evidence.
  bool side = f.proto == "udp" || f.port == 16994 || f.port == 16995;
  if (side && !f.amt) return "not AMT";
  if (side && f.provisioning == "pre") return "unprovisioned";
  if (!f.amt) return f.first_status == 0 ? "no HTTP answer" : "no AMT banner";
  std::string version = f.version.known() ? f.version.ToString() : "";
  if (f.basis == VerdictBasis::kVersion) {
    return fmt::format(
        "version {} in {} range", version,
        f.verdict == ScanVerdict::kVulnerable ? "affected" : "fixed");
  }
  if (f.bypass_status != 0) {
    std::string code = fmt::format("empty-digest-{}", f.bypass_status);
    if (f.control_status != 0)
      code += fmt::format("/wrong-{}", f.control_status);
    if (f.bypass_status == 200 && !f.bypass_marker) code += " no AMT page";
    return code;
  }
  if (f.first_status == 200) return "200 without auth";
  if (!f.error.empty()) return f.error;
  return version.empty() ? "no version"
                         : fmt::format("version {} undecided", version);
}

std::vector<std::string> EvidenceLines(const Finding& f) {
  std::string where = f.ip.find(':') == std::string::npos
                          ? fmt::format("{}:{}", f.ip, f.port)
                          : fmt::format("[{}]:{}", f.ip, f.port);
  std::vector<std::string> out;
  if (f.proto == "udp" || f.port == 16994 || f.port == 16995) {
    out.push_back(fmt::format(
        "{}{} {} -> {}: {}", where, f.proto == "udp" ? "/udp" : "",
        f.proto == "udp" ? "RMCP presence ping" : "redirection start (SOL)",
        ToString(f.verdict), f.reason));
    return out;
  }
  auto line = [&](const std::string& text) {
    out.push_back(where + " " + text);
  };
  line(f.tls ? fmt::format("TLS {}",
                           f.tls_version.empty() ? "yes" : f.tls_version)
             : "plain HTTP");
  std::string method = f.resource == "/wsman" ? "POST" : "GET";
  std::string path = f.resource.empty() ? "/index.htm" : f.resource;
  std::string headers = fmt::format(
      "; {}; {}", f.server.empty() ? "no Server header" : "Server: " + f.server,
      f.realm.empty() ? "no Digest realm"
                      : "WWW-Authenticate realm=\"" + f.realm + "\"");
  if (f.web_ui_disabled) {
    line("GET /index.htm (no credentials) -> 404 (web UI off)");
    line(fmt::format("POST /wsman (no credentials) -> {}{}",
                     StatusText(f.first_status, f.error), headers));
  } else {
    line(fmt::format("GET /index.htm (no credentials) -> {}{}",
                     StatusText(f.first_status, f.error),
                     f.first_status != 0 ? headers : ""));
  }
  if (f.bypass_status != 0) {
    line(fmt::format("{} {} (Digest, empty response) -> {}{}", method, path,
                     f.bypass_status,
                     f.bypass_status != 200 ? ""
                     : f.bypass_marker      ? " with an AMT page"
                                            : " without an AMT page"));
  }
  if (f.control_status != 0) {
    line(fmt::format("{} {} (Digest, wrong response) -> {}", method, path,
                     f.control_status));
  }
  if (!f.error.empty() && f.first_status != 0) line("stopped: " + f.error);
  line(fmt::format("verdict {} (basis {}): {}", ToString(f.verdict),
                   ToString(f.basis), f.reason));
  return out;
}

}  // namespace amtscope
