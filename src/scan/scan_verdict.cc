#include "scan/scan_verdict.h"

#include <fmt/format.h>

#include <algorithm>

#include "amt/banner.h"
#include "amt/web.h"

namespace amtscope {
namespace {

struct VersionView {
  ScanVerdict verdict = ScanVerdict::kUnknown;
  std::string reason;
  std::vector<std::string> others;  // other advisories found vulnerable
};

ScanVerdict FromVerdict(Verdict v) {
  switch (v) {
    case Verdict::kVulnerable:
      return ScanVerdict::kVulnerable;
    case Verdict::kNotVulnerable:
      return ScanVerdict::kNotVulnerable;
    case Verdict::kUnknown:
      break;
  }
  return ScanVerdict::kUnknown;
}

Sku SkuOf(std::string_view product) {
  if (product == "amt") return Sku::kAmt;
  if (product == "ism") return Sku::kIsm;
  if (product == "sbt") return Sku::kSbt;
  return Sku::kUnknown;
}

// The most precise version seen: the web UI footer / WS-Man answer adds the
// build number the Server header lacks (docs/protocol.md §3.3).
FirmwareVersion BestVersion(const Banner& banner,
                            const std::string& page_text) {
  auto page = FirmwareVersion::Parse(page_text);
  if (page_text.empty() || !page.ok() || !page->known()) return banner.version;
  if (!banner.version.known()) return *page;
  if (page->SameLine(banner.version) &&
      page->parts() > banner.version.parts()) {
    return *page;
  }
  return banner.version;
}

VersionView ByVersion(const AdvisoryDb& db, const FirmwareVersion& version,
                      Sku sku) {
  VersionView out;
  DeviceFacts facts{version, sku, std::nullopt};
  for (const AdvisoryVerdict& v : db.Evaluate(facts)) {
    if (v.id == kBypassAdvisory) {
      out.verdict = FromVerdict(v.verdict);
      out.reason = v.reason;
    } else if (v.verdict == Verdict::kVulnerable) {
      out.others.push_back(v.id);
    }
  }
  if (!version.known()) out.reason = "no version in the Server header";
  return out;
}

// The bypass evidence; nullopt when the active check did not decide.
std::optional<ScanVerdict> ByBypass(const ProbeEvidence& ev, std::string* why) {
  std::string_view path = PathOf(ev.resource);
  if (ev.bypass_status == 0) return std::nullopt;
  if (ev.bypass_status == 401) {
    *why = fmt::format("empty Digest response refused (401 on {})", path);
    return ScanVerdict::kNotVulnerable;
  }
  if (ev.bypass_status != 200) {
    *why = fmt::format("active check inconclusive (HTTP {} on {})",
                       ev.bypass_status, path);
    return std::nullopt;
  }
  if (ev.control_status == 200) {
    *why = fmt::format(
        "accepts a wrong Digest response too (200 on {}): not behaving "
        "like AMT (honeypot or broken device)",
        path);
    return ScanVerdict::kUnknown;
  }
  if (!ev.bypass_marker) {
    *why = fmt::format(
        "empty Digest response got 200 on {} but no AMT page came back: "
        "cannot confirm",
        path);
    return ScanVerdict::kUnknown;
  }
  if (ev.control_status != 401) {
    *why = fmt::format(
        "empty Digest response accepted but the control request "
        "{}: cannot confirm",
        ev.control_status ? fmt::format("got HTTP {}", ev.control_status)
                          : "failed (" + ev.error + ")");
    return ScanVerdict::kUnknown;
  }
  *why = fmt::format(
      "empty Digest response accepted (200 on {}) and a wrong one "
      "refused (401): CVE-2017-5689 authentication bypass",
      path);
  return ScanVerdict::kVulnerable;
}

std::string NotAmtReason(const ProbeEvidence& ev) {
  if (!ev.error.empty() && ev.first_status == 0) {
    return fmt::format("open port, no HTTP answer ({})", ev.error);
  }
  if (ev.server.empty()) {
    return fmt::format("HTTP {} without an AMT Server header or Digest: realm",
                       ev.first_status);
  }
  return fmt::format("HTTP {} from \"{}\": not an AMT web server",
                     ev.first_status, ev.server.substr(0, 60));
}

void Combine(const ProbeEvidence& ev, const VersionView& by_version,
             const FirmwareVersion& version, bool passive, Finding& f) {
  std::string why;
  std::optional<ScanVerdict> bypass;
  if (ev.first_status == 200) {
    why = fmt::format(
        "answered 200 on {} without authentication: not behaving like "
        "AMT (honeypot or broken device)",
        PathOf(ev.resource));
    bypass = ScanVerdict::kUnknown;
  } else if (!passive) {
    bypass = ByBypass(ev, &why);
  }
  std::string vtext = version.known() ? version.ToString() : "unknown";
  if (bypass) {
    f.verdict = *bypass;
    f.basis = *bypass == ScanVerdict::kUnknown ? VerdictBasis::kNone
                                               : VerdictBasis::kBypass;
    f.reason = why;
    bool disagree = f.basis == VerdictBasis::kBypass &&
                    by_version.verdict != ScanVerdict::kUnknown &&
                    by_version.verdict != *bypass;
    if (disagree) {
      f.reason +=
          *bypass == ScanVerdict::kVulnerable
              ? fmt::format(
                    "; the version {} looks fixed ({}), so the banner is "
                    "not authoritative",
                    vtext, by_version.reason)
              : fmt::format(
                    "; the version {} looks affected ({}): the firmware "
                    "may carry a fixed build the banner does not show, "
                    "or the account is locked",
                    vtext, by_version.reason);
    }
    return;
  }
  f.verdict = by_version.verdict;
  f.basis = f.verdict == ScanVerdict::kUnknown ? VerdictBasis::kNone
                                               : VerdictBasis::kVersion;
  f.reason = fmt::format("version {}: {}", vtext, by_version.reason);
  if (!passive && !why.empty()) f.reason += "; " + why;
  if (!passive && why.empty() && ev.bypass_status == 0 && !ev.error.empty()) {
    f.reason += fmt::format("; active check not completed ({})", ev.error);
  }
}

}  // namespace

Finding DecideFinding(const ProbeTarget& target, const ProbeEvidence& ev,
                      const AdvisoryDb& db, bool passive) {
  Finding f;
  f.ip = target.address.to_string();
  f.port = target.port;
  f.tls = ev.tls;
  f.tls_version = ev.tls_version;
  f.cert_sha256 = ev.cert_sha256;
  f.server = ev.server;
  f.realm = ev.realm;
  f.error = ev.error;
  f.bypass_status = ev.bypass_status;
  f.control_status = ev.control_status;
  f.first_status = ev.first_status;
  f.web_ui_disabled = ev.web_ui_disabled;
  f.resource = std::string(PathOf(ev.resource));
  f.bypass_marker = ev.bypass_marker;
  f.time = std::chrono::system_clock::now();
  Banner banner = ParseServerBanner(ev.server);
  f.amt = banner.amt || IsAmtRealm(ev.realm);
  if (!f.amt) {
    f.verdict = ScanVerdict::kNotAmt;
    f.basis = VerdictBasis::kNone;
    f.reason = NotAmtReason(ev);
    return f;
  }
  f.product = banner.amt ? banner.product : "amt";
  f.version = BestVersion(banner, ev.page_version);
  VersionView by_version = ByVersion(db, f.version, SkuOf(f.product));
  Combine(ev, by_version, f.version, passive, f);
  if (f.verdict == ScanVerdict::kVulnerable)
    f.advisories.emplace_back(kBypassAdvisory);
  // A device that does not behave like AMT gets no advisories from its banner.
  bool amt_like = ev.first_status != 200 && ev.control_status != 200;
  if (amt_like) {
    for (const std::string& id : by_version.others) f.advisories.push_back(id);
  }
  if (!banner.amt) f.reason += " (recognised by its Digest: realm)";
  // INTEL-SA-00709: AMT credentials cross a plaintext port (16992, 623/tcp)
  // whatever the version (docs/advisories.md "Advisories 2022-2026").
  if (!f.tls && (f.port == kAmtHttpPort || f.port == kAmtAltHttpPort)) {
    f.exposures.emplace_back("plaintext");
    f.advisories.emplace_back("INTEL-SA-00709");
  }
  return f;
}

}  // namespace amtscope
