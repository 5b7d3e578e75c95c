// Advisory: one Intel security advisory as data (data/advisories.json).
#ifndef AMTSCOPE_ADVISORY_ADVISORY_H_
#define AMTSCOPE_ADVISORY_ADVISORY_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "advisory/verdict.h"
#include "core/firmware_version.h"
#include "core/result.h"

namespace amtscope {

/// How an attacker reaches the flaw (CVSS AV).
enum class AttackVector { kNetwork, kLocal, kPhysical };

/// "network", "local", "physical".
std::string_view ToString(AttackVector vector);
/// Inverse of ToString (case-insensitive); error with hint otherwise.
Result<AttackVector> ParseAttackVector(std::string_view text);

/// One way the flaw can be exploited, with its own score and preconditions.
struct AdvisoryVector {
  AttackVector vector = AttackVector::kNetwork;
  double cvss = 0;
  std::vector<Sku> skus;  // SKUs this vector reaches; empty = all affected
  bool requires_provisioning = false;  // only provisioned AMT is reachable
  std::string note;
};

/// A major.minor line, e.g. 11.8 (minor 65535 stands for "any minor").
struct Line {
  int major = 0;
  int minor = 0;
  auto operator<=>(const Line&) const = default;
};

/// What a range knows about fixes on its lines.
enum class RangeStatus {
  kFixed,       // versions below `fixed` are affected
  kNoFix,       // every version on these lines is affected, no fix exists
  kFixUnknown,  // the lines are affected but the fixed builds are unknown
};

/// The affected versions on a span of major.minor lines.
///
/// Lines strictly below the line of `fixed` are wholly affected (they have
/// no fix of their own); on the fix's line versions below `fixed` are.
struct AffectedRange {
  std::string lines;  // as written in the data: "6.0-6.2", "9.5", "3.x-8.x"
  Line from;
  Line to;
  RangeStatus status = RangeStatus::kFixed;
  std::optional<FirmwareVersion> fixed;       // 3 or 4 parts
  std::vector<FirmwareVersion> alternatives;  // fixed builds of older hotfix
                                              // sub-lines (11.0.18.3003)
  std::vector<FirmwareVersion> exact;         // if set: ONLY these are affected
  std::optional<std::pair<int, int>> affected_builds;  // only builds in
                                                       // [first, second]
  std::vector<Sku> skus;          // restricts the range; empty = advisory's
  std::vector<std::string> cves;  // the CVEs of this range; empty = all
  std::string note;               // appended to reasons
  std::string source;

  /// True when `version`'s major.minor lies within [from, to].
  bool ContainsLine(const FirmwareVersion& version) const;
  /// True when the range applies to `sku` (kUnknown always applies).
  bool AppliesToSku(Sku sku) const;
};

/// One advisory with everything the verdict engine and the CLI need.
struct Advisory {
  std::string id;  // "INTEL-SA-00075"
  std::string title;
  std::string summary;
  std::vector<std::string> cves;
  std::string date;                // ISO date or "YYYY-MM" as published
  double cvss = 0;                 // highest CVSS 3 base score
  std::string component;           // "AMT/ISM/SBT", "CSME", ...
  std::string affected_as_stated;  // the advisory's own wording
  std::string fixed_as_stated;
  std::vector<AdvisoryVector> vectors;
  std::vector<Sku> affected_skus;
  std::map<Sku, std::string> unaffected_skus;  // SKU -> reason
  /// Intel's build rule (docs/protocol.md §1.4, §3.2): fixed builds have
  /// a build number >= this (3000 for SA-00075); see data/README.md.
  std::optional<int> fixed_build_min;
  std::string build_rule_source;
  /// Verdict for versions on no listed line: not-vulnerable, or unknown
  /// when the stated range is open-ended.
  Verdict outside = Verdict::kNotVulnerable;
  std::vector<AffectedRange> ranges;
  std::vector<std::string> sources;
  std::string notes;

  /// The most severe attack vector (network > local > physical).
  AttackVector primary_vector() const;
  /// Every fixed version named by the ranges (first fixes, alternatives).
  std::vector<FirmwareVersion> FixedVersions() const;
  /// True when `sku` is listed as affected.
  bool Affects(Sku sku) const;
};

}  // namespace amtscope

#endif  // AMTSCOPE_ADVISORY_ADVISORY_H_
