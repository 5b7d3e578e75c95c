#include "advisory/verdict_engine.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/strings.h"

namespace amtscope {

namespace {

struct Decision {
  Verdict verdict;
  std::string reason;
};

Decision Vulnerable(std::string reason) {
  return {Verdict::kVulnerable, std::move(reason)};
}
Decision NotVulnerable(std::string reason) {
  return {Verdict::kNotVulnerable, std::move(reason)};
}
Decision Unknown(std::string reason) {
  return {Verdict::kUnknown, std::move(reason)};
}

std::string LineOf(const FirmwareVersion& v) {
  return fmt::format("{}.{}", v.major(), v.minor());
}

std::string SkuList(const std::vector<Sku>& skus) {
  std::string out;
  for (Sku sku : skus) {
    if (!out.empty()) out += "/";
    out += Upper(ToString(sku));
  }
  return out;
}

std::string VersionList(const std::vector<FirmwareVersion>& versions) {
  std::string out;
  for (const FirmwareVersion& v : versions) {
    if (!out.empty()) out += " and ";
    out += v.ToString();
  }
  return out;
}

bool SameHotfix(const FirmwareVersion& a, const FirmwareVersion& b) {
  return a.parts() >= 3 && b.parts() >= 3 && a.major() == b.major() &&
         a.minor() == b.minor() && a.hotfix() == b.hotfix();
}

// Only SA-00082 style ranges: nothing but the listed builds is affected.
Decision DecideExact(const AffectedRange& r, const FirmwareVersion& v) {
  const std::string list = VersionList(r.exact);
  if (v.has_build()) {
    if (std::find(r.exact.begin(), r.exact.end(), v) != r.exact.end()) {
      return Vulnerable(fmt::format("{} is one of the affected builds ({})",
                                    v.ToString(), list));
    }
    return NotVulnerable(
        fmt::format("only {} are affected; {} is not", list, v.ToString()));
  }
  for (const FirmwareVersion& e : r.exact) {
    if (v.parts() == 2 || SameHotfix(v, e)) {
      return Unknown(fmt::format(
          "{}-part version {} matches the affected build {} as far as it "
          "goes: the build number decides",
          v.parts(), v.ToString(), e.ToString()));
    }
  }
  return NotVulnerable(
      fmt::format("only {} are affected; {} is not", list, v.ToString()));
}

// Intel's 11.7 rule (docs/protocol.md §3.2): only some builds affected.
Decision DecideBuilds(const AffectedRange& r, const FirmwareVersion& v) {
  const auto [lo, hi] = *r.affected_builds;
  if (!v.has_build()) {
    return Unknown(fmt::format(
        "{}-part version {}: on the {} line only builds {}-{} are affected, "
        "so the build number decides",
        v.parts(), v.ToString(), r.lines, lo, hi));
  }
  if (v.build() >= lo && v.build() <= hi) {
    return Vulnerable(fmt::format(
        "{}: build {} is in {}-{}, the affected builds of the {} line",
        v.ToString(), v.build(), lo, hi, r.lines));
  }
  return NotVulnerable(
      fmt::format("{}: only builds {}-{} of the {} line are affected",
                  v.ToString(), lo, hi, r.lines));
}

enum class FixOrder { kBelow, kAtOrAbove, kAmbiguous };

// Orders `v` against a 3- or 4-part fix. A 3-part fix ("before 11.8.60")
// covers every build of its hotfix; a 4-part one needs the build.
FixOrder CompareToFix(const FirmwareVersion& v, const FirmwareVersion& fix) {
  if (v.major() != fix.major() || v.minor() != fix.minor()) {
    return std::pair(v.major(), v.minor()) < std::pair(fix.major(), fix.minor())
               ? FixOrder::kBelow
               : FixOrder::kAtOrAbove;
  }
  if (v.parts() < 3) return FixOrder::kAmbiguous;
  if (v.hotfix() != fix.hotfix()) {
    return v.hotfix() < fix.hotfix() ? FixOrder::kBelow : FixOrder::kAtOrAbove;
  }
  if (!fix.has_build()) return FixOrder::kAtOrAbove;
  if (!v.has_build()) return FixOrder::kAmbiguous;
  return v.build() < fix.build() ? FixOrder::kBelow : FixOrder::kAtOrAbove;
}

std::string FixWord(const FirmwareVersion& fix) {
  return fix.has_build() ? "first fixed build" : "fix";
}

// Below the fix on an advisory fixed by build number (SA-00075). Intel's rule
// (docs/protocol.md §1.4, §3.2) calls every 3xxx build fixed; the
// published table (§3.1) says builds below the line's fix are not. Both hold
// when a build at or above the line's fixed build number counts as a fixed
// rebuild of an older hotfix (as 11.0.18.3003 is); see data/README.md.
Decision DecideByBuildRule(const Advisory& a, const AffectedRange& r,
                           const FirmwareVersion& v,
                           const FirmwareVersion& fix) {
  const int min = *a.fixed_build_min;
  const int bound = std::max(min, fix.has_build() ? fix.build() : 0);
  if (!v.has_build()) {
    return Unknown(fmt::format(
        "{}-part version {} has no build number: {} fixes are identified by "
        "build (Intel: fixed builds are {}xxx), on the {} line a build >= {} "
        "is fixed and a lower one is not, so the build number decides",
        v.parts(), v.ToString(), a.id, min / 1000, r.lines, bound));
  }
  if (v.build() >= bound) {
    return NotVulnerable(fmt::format(
        "{}: build {} >= {} is a fixed build by Intel's {}xxx rule, although "
        "its hotfix is below the {} {}",
        v.ToString(), v.build(), bound, min / 1000, FixWord(fix),
        fix.ToString()));
  }
  if (v.build() >= min) {
    return Vulnerable(fmt::format(
        "{} is below the {} {}; its build {} is below {}, the line's fixed "
        "build, so Intel's {}xxx rule does not make it fixed",
        v.ToString(), FixWord(fix), fix.ToString(), v.build(), bound,
        min / 1000));
  }
  return Vulnerable(fmt::format("{} is below the {} {}", v.ToString(),
                                FixWord(fix), fix.ToString()));
}

Decision DecideFixed(const Advisory& a, const AffectedRange& r,
                     const FirmwareVersion& v) {
  for (const FirmwareVersion& alt : r.alternatives) {
    if (!SameHotfix(v, alt)) continue;
    const std::string sub =
        fmt::format("{}.{}.{}.x", alt.major(), alt.minor(), alt.hotfix());
    if (!v.has_build()) {
      return Unknown(fmt::format(
          "3-part version {} equals the first three parts of {}, the fixed "
          "build of the {} sub-line: the build number decides",
          v.ToString(), alt.ToString(), sub));
    }
    if (v.build() >= alt.build()) {
      return NotVulnerable(fmt::format(
          "{} is at or above {}, the fixed build of the {} sub-line",
          v.ToString(), alt.ToString(), sub));
    }
    return Vulnerable(
        fmt::format("{} is below {}, the fixed build of the {} sub-line",
                    v.ToString(), alt.ToString(), sub));
  }
  const FirmwareVersion& fix = *r.fixed;
  switch (CompareToFix(v, fix)) {
    case FixOrder::kAtOrAbove:
      return NotVulnerable(fmt::format("{} is at or above the {} {}",
                                       v.ToString(), FixWord(fix),
                                       fix.ToString()));
    case FixOrder::kAmbiguous:
      if (v.parts() == 2) {
        return Unknown(fmt::format(
            "2-part version {} is on an affected line ({}, fixed in {}): the "
            "hotfix and build numbers decide",
            v.ToString(), r.lines, fix.ToString()));
      }
      return Unknown(fmt::format(
          "3-part version {} equals the fix's first three parts ({}): the "
          "build number decides",
          v.ToString(), fix.ToString()));
    case FixOrder::kBelow:
      break;
  }
  if (a.fixed_build_min) return DecideByBuildRule(a, r, v, fix);
  if (!v.SameLine(fix)) {
    return Vulnerable(fmt::format(
        "the {} line is affected and has no fix of its own ({} or later "
        "fixes it)",
        LineOf(v), fix.ToString()));
  }
  return Vulnerable(fmt::format("{} is below the {} {}", v.ToString(),
                                FixWord(fix), fix.ToString()));
}

Decision DecideInRange(const Advisory& a, const AffectedRange& r,
                       const FirmwareVersion& v) {
  if (!r.exact.empty()) return DecideExact(r, v);
  if (r.affected_builds) return DecideBuilds(r, v);
  switch (r.status) {
    case RangeStatus::kNoFix:
      return Vulnerable(
          fmt::format("the {} line is affected and no fix was "
                      "released for it",
                      LineOf(v)));
    case RangeStatus::kFixUnknown:
      return Unknown(
          fmt::format("the {} line is affected but its fixed "
                      "build is not known",
                      LineOf(v)));
    case RangeStatus::kFixed:
      break;
  }
  return DecideFixed(a, r, v);
}

Decision Outside(const Advisory& a, const FirmwareVersion& v) {
  const Line line{v.major(), v.minor()};
  bool below_all = !a.ranges.empty();
  for (const AffectedRange& r : a.ranges) below_all &= line < r.from;
  if (a.outside == Verdict::kUnknown) {
    return Unknown(
        fmt::format("the {} line is not named by {}, whose stated "
                    "range ({}) is open-ended",
                    LineOf(v), a.id, a.affected_as_stated));
  }
  if (below_all) {
    const Line& first = a.ranges.front().from;
    return NotVulnerable(fmt::format(
        "{} line not affected: versions before {}.{} are not affected",
        LineOf(v), first.major, first.minor));
  }
  return NotVulnerable(fmt::format("{} line not affected ({} affects {})",
                                   LineOf(v), a.id, a.affected_as_stated));
}

const AdvisoryVector* FindVector(const Advisory& a, AttackVector kind) {
  for (const AdvisoryVector& v : a.vectors) {
    if (v.vector == kind) return &v;
  }
  return nullptr;
}

// Which vectors reach this device: SKU limits and provisioning
// (docs/protocol.md §1.1: the network vector needs provisioned AMT/ISM).
std::string VectorNote(const Advisory& a, const DeviceFacts& facts) {
  const AdvisoryVector* net = FindVector(a, AttackVector::kNetwork);
  const AdvisoryVector* local = FindVector(a, AttackVector::kLocal);
  if (net == nullptr) return "";
  if (facts.sku != Sku::kUnknown && !net->skus.empty() &&
      std::find(net->skus.begin(), net->skus.end(), facts.sku) ==
          net->skus.end()) {
    if (local == nullptr) return "";
    return fmt::format("; {} SKU: only the local vector applies (CVSS {:.1f})",
                       Upper(ToString(facts.sku)), local->cvss);
  }
  if (!net->requires_provisioning || !facts.provisioned) return "";
  if (*facts.provisioned) {
    return fmt::format(
        "; provisioned: exploitable over the network (CVSS "
        "{:.1f})",
        net->cvss);
  }
  std::string note = "; unprovisioned: not reachable over the network";
  if (local != nullptr) {
    note += fmt::format(
        ", but the local vector (CVSS {:.1f}) lets a local "
        "user provision it",
        local->cvss);
  }
  return note;
}

Decision DecideVersion(const Advisory& a, const DeviceFacts& facts) {
  const FirmwareVersion& v = facts.version;
  if (!v.known()) {
    return Unknown(
        "no version in the banner (bare \"AMT\"): the version "
        "decides");
  }
  bool line_listed = false;
  for (const AffectedRange& r : a.ranges) {
    if (!r.ContainsLine(v)) continue;
    line_listed = true;
    if (!r.AppliesToSku(facts.sku)) continue;
    Decision d = DecideInRange(a, r, v);
    if (!r.note.empty() && d.verdict != Verdict::kNotVulnerable) {
      d.reason += "; " + r.note;
    }
    return d;
  }
  if (line_listed) {
    return NotVulnerable(
        fmt::format("{} SKU: {} affects the {} line only on other SKUs",
                    Upper(ToString(facts.sku)), a.id, LineOf(v)));
  }
  return Outside(a, v);
}

}  // namespace

AdvisoryVerdict EvaluateAdvisory(const Advisory& a, const DeviceFacts& facts) {
  AdvisoryVerdict out;
  out.id = a.id;
  if (auto it = a.unaffected_skus.find(facts.sku);
      it != a.unaffected_skus.end()) {
    out.verdict = Verdict::kNotVulnerable;
    out.reason = it->second;
    return out;
  }
  Decision d = DecideVersion(a, facts);
  if (d.verdict != Verdict::kNotVulnerable) d.reason += VectorNote(a, facts);
  if (facts.sku != Sku::kUnknown && !a.Affects(facts.sku)) {
    d.reason +=
        fmt::format("; {} not named by {} ({}): decided on version",
                    Upper(ToString(facts.sku)), a.id, SkuList(a.affected_skus));
  }
  out.verdict = d.verdict;
  out.reason = std::move(d.reason);
  return out;
}

}  // namespace amtscope
