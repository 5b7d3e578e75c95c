#include "scan/finding.h"

namespace amtscope {

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

}  // namespace amtscope
