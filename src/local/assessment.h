// Assessment: from LocalFacts to the decided version, SKU, provisioning,
// per-advisory verdicts, the vendor fix and the next steps — each decision
// with the fact that made it (docs/local-detection.md §1.6, §3).
#ifndef AMTSCOPE_LOCAL_ASSESSMENT_H_
#define AMTSCOPE_LOCAL_ASSESSMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "advisory/advisory_db.h"
#include "advisory/vendor_db.h"
#include "local/hfsts.h"
#include "local/local_facts.h"

namespace amtscope {

struct Assessment {
  std::optional<FirmwareVersion> version;
  std::string version_basis;    // "ME version 11.0.22.1000 from
                                // /sys/class/mei/mei0/fw_ver"
  FwSku sku = FwSku::kUnknown;  // corporate / consumer / lite / unknown
  Sku product = Sku::kUnknown;  // what the advisory engine is told
  std::string sku_basis;
  std::optional<bool> amt_enabled;
  std::string amt_enabled_basis;
  std::optional<bool> provisioned;
  std::string provisioned_basis;
  std::optional<std::uint32_t> control_mode;  // 0 none, 1 CCM, 2 ACM
  bool mei_answered = false;                  // privileged facts were available
  std::vector<AdvisoryVerdict> advisories;    // reasons carry the deciding fact
  std::optional<VendorLookup> vendor;         // nullopt: no usable DMI vendor
  std::vector<std::string> next_steps;        // in the order to do them
  std::vector<std::string> root_would_add;    // empty when MEI answered
  std::vector<std::string> notes;             // malformed inputs etc.

  /// True when any advisory's verdict is vulnerable.
  bool AnyVulnerable() const;
  /// The machine's verdict: vulnerable when any advisory is; not-vulnerable
  /// only when every advisory was decided; otherwise unknown. With the
  /// reason (the advisories that decided it, or the first undecided one).
  std::pair<Verdict, std::string> Overall() const;
  /// The fix rows that match the vendor lookup, best first: the row for the
  /// first vulnerable advisory (else INTEL-SA-00075), nullptr when none.
  const VendorFix* PrimaryFix() const;
};

/// Decides everything from the facts. Pure: no I/O.
Assessment Assess(const LocalFacts& facts, const AdvisoryDb& advisories,
                  const VendorDb& vendors);

}  // namespace amtscope

#endif  // AMTSCOPE_LOCAL_ASSESSMENT_H_
