// DecideFinding: from what a probe observed to a Finding with a verdict.
#ifndef AMTSCOPE_SCAN_SCAN_VERDICT_H_
#define AMTSCOPE_SCAN_SCAN_VERDICT_H_

#include "advisory/advisory_db.h"
#include "model/finding.h"
#include "scan/amt_probe.h"

namespace amtscope {

/// The advisory the active check decides.
inline constexpr std::string_view kBypassAdvisory = "INTEL-SA-00075";

/// REQUIRES: evidence.reach == Reach::kOpen. Decides CVE-2017-5689 for one
/// open port: from the bypass evidence (vulnerable only when the empty
/// response got 200 with an AMT page AND the wrong-response control got
/// 401), else from the version via `db`; explains disagreements between the
/// two in the reason. `advisories` lists every advisory that applies.
Finding DecideFinding(const ProbeTarget& target, const ProbeEvidence& evidence,
                      const AdvisoryDb& db, bool passive);

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_SCAN_VERDICT_H_
