#include "scan/side_findings.h"

#include <fmt/format.h>

#include "scan/scan_verdict.h"

namespace amtscope {
namespace {

ScanVerdict FromVerdict(Verdict v) {
  return v == Verdict::kVulnerable      ? ScanVerdict::kVulnerable
         : v == Verdict::kNotVulnerable ? ScanVerdict::kNotVulnerable
                                        : ScanVerdict::kUnknown;
}

// SA-00075 and the other advisories from a major.minor alone: most lines
// stay unknown (the build decides), some are decided by their line.
void DecideByVersion(const AdvisoryDb& db, std::optional<bool> provisioned,
                     Finding& f) {
  DeviceFacts facts{f.version, Sku::kAmt, provisioned};
  std::string why;
  for (const AdvisoryVerdict& v : db.Evaluate(facts)) {
    if (v.id == kBypassAdvisory) {
      f.verdict = FromVerdict(v.verdict);
      why = v.reason;
    } else if (v.verdict == Verdict::kVulnerable) {
      f.advisories.push_back(v.id);
    }
  }
  if (f.verdict == ScanVerdict::kVulnerable) {
    f.advisories.insert(f.advisories.begin(), std::string(kBypassAdvisory));
  }
  f.basis = f.verdict == ScanVerdict::kUnknown ? VerdictBasis::kNone
                                               : VerdictBasis::kVersion;
  f.reason += fmt::format("; version {}: {}", f.version.ToString(), why);
}

FirmwareVersion MajorMinor(int major, int minor) {
  auto v = FirmwareVersion::Parse(fmt::format("{}.{}", major, minor));
  return v.ok() ? *v : FirmwareVersion();
}

}  // namespace

Finding RmcpFinding(const RmcpReply& reply, const AdvisoryDb& db) {
  const RmcpPong& p = reply.pong;
  Finding f;
  f.ip = reply.target.address.to_string();
  f.port = reply.target.port;
  f.proto = "udp";
  f.time = reply.time;
  f.reason = p.reason;
  if (p.kind != RmcpKind::kAmt) return f;  // not-amt by default
  f.amt = true;
  f.product = "amt";
  f.version = MajorMinor(p.major, p.minor);
  if (p.provisioning) f.provisioning = std::string(ToString(*p.provisioning));
  f.reason = fmt::format(
      "RMCP pong from Intel (343): AMT {}.{}, provisioning {}, web port {}{}",
      p.major, p.minor, f.provisioning.empty() ? "unknown" : f.provisioning,
      p.web_port, p.both_web_ports ? " (16992 and 16993 open)" : "");
  if (p.provisioning == AmtProvisioning::kPre) {
    f.verdict = ScanVerdict::kNotVulnerable;
    f.basis = VerdictBasis::kNone;
    f.reason = std::string(kUnprovisionedReason) + " (" + f.reason + ")";
    return f;
  }
  std::optional<bool> provisioned;
  if (p.provisioning == AmtProvisioning::kPost) provisioned = true;
  DecideByVersion(db, provisioned, f);
  return f;
}

std::optional<Finding> RedirectionFinding(const RedirectionResult& r,
                                          const AdvisoryDb& db) {
  if (!r.connected) return std::nullopt;
  Finding f;
  f.ip = r.address.to_string();
  f.port = r.port;
  f.tls = r.tls && !r.tls_version.empty();
  f.tls_version = r.tls_version;
  f.time = std::chrono::system_clock::now();
  f.error = r.state == RedirectionState::kAnswered ? "" : r.error;
  if (r.state != RedirectionState::kAnswered) {
    f.reason = fmt::format("open, but no reply to the redirection start ({})",
                           r.error.empty() ? "none" : r.error);
    return f;
  }
  f.reason = r.reply.reason;
  if (!r.reply.amt) return f;
  f.amt = true;
  f.product = "amt";
  f.redirection = true;
  f.version = MajorMinor(r.reply.major, r.reply.minor);
  DecideByVersion(db, std::nullopt, f);
  return f;
}

bool RedirectionReachable(const std::vector<RedirectionResult>& results,
                          const boost::asio::ip::address& address) {
  for (const RedirectionResult& r : results) {
    if (r.address == address && r.state == RedirectionState::kAnswered &&
        r.reply.amt) {
      return true;
    }
  }
  return false;
}

}  // namespace amtscope
