#include "advisory/advisory.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace amtscope {

std::string_view ToString(AttackVector vector) {
  switch (vector) {
    case AttackVector::kNetwork:
      return "network";
    case AttackVector::kLocal:
      return "local";
    case AttackVector::kPhysical:
      break;
  }
  return "physical";
}

Result<AttackVector> ParseAttackVector(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  for (AttackVector v : {AttackVector::kNetwork, AttackVector::kLocal,
                         AttackVector::kPhysical}) {
    if (lower == ToString(v)) return v;
  }
  return Status::InvalidArgument(
      fmt::format("unknown attack vector \"{}\"", text),
      "use network, local or physical");
}

bool AffectedRange::ContainsLine(const FirmwareVersion& version) const {
  if (!version.known()) return false;
  const Line line{version.major(), version.minor()};
  return from <= line && line <= to;
}

bool AffectedRange::AppliesToSku(Sku sku) const {
  if (sku == Sku::kUnknown || skus.empty()) return true;
  return std::find(skus.begin(), skus.end(), sku) != skus.end();
}

AttackVector Advisory::primary_vector() const {
  AttackVector best = AttackVector::kPhysical;
  for (const AdvisoryVector& v : vectors) {
    if (static_cast<int>(v.vector) < static_cast<int>(best)) best = v.vector;
  }
  return best;
}

std::vector<FirmwareVersion> Advisory::FixedVersions() const {
  std::vector<FirmwareVersion> out;
  for (const AffectedRange& range : ranges) {
    if (range.fixed) out.push_back(*range.fixed);
    out.insert(out.end(), range.alternatives.begin(), range.alternatives.end());
  }
  return out;
}

bool Advisory::Affects(Sku sku) const {
  return std::find(affected_skus.begin(), affected_skus.end(), sku) !=
         affected_skus.end();
}

}  // namespace amtscope
