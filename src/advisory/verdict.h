// Verdicts: what the advisory engine says about one device and one advisory.
#ifndef AMTSCOPE_ADVISORY_VERDICT_H_
#define AMTSCOPE_ADVISORY_VERDICT_H_

#include <optional>
#include <string>
#include <string_view>

#include "core/firmware_version.h"
#include "core/result.h"

namespace amtscope {

/// Manageability SKU of the firmware (docs/local-detection.md §1.3).
enum class Sku { kUnknown, kAmt, kIsm, kSbt, kConsumer };

/// "amt", "ism", "sbt", "consumer" (case-insensitive) → Sku; error with hint.
Result<Sku> ParseSku(std::string_view text);
/// "amt", "ism", "sbt", "consumer", "unknown".
std::string_view ToString(Sku sku);

/// The answer for one advisory.
enum class Verdict { kVulnerable, kNotVulnerable, kUnknown };

/// "vulnerable", "not-vulnerable", "unknown".
std::string_view ToString(Verdict verdict);

/// What is known about one device; every field may be unknown.
struct DeviceFacts {
  FirmwareVersion version;  // !known() for a bare "AMT" banner
  Sku sku = Sku::kUnknown;
  std::optional<bool> provisioned;  // nullopt: not known
};

/// One advisory's verdict with the one-line reason that decided it.
struct AdvisoryVerdict {
  std::string id;  // "INTEL-SA-00075"
  Verdict verdict = Verdict::kUnknown;
  std::string
      reason;  // e.g. "8.1.70.3600 is below the first fixed build 8.1.71.3608"
};

}  // namespace amtscope

#endif  // AMTSCOPE_ADVISORY_VERDICT_H_
