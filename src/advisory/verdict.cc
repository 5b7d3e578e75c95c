#include "advisory/verdict.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "core/strings.h"

namespace amtscope {

namespace {}  // namespace

Result<Sku> ParseSku(std::string_view text) {
  const std::string lower = Lower(text);
  for (Sku sku : {Sku::kAmt, Sku::kIsm, Sku::kSbt, Sku::kConsumer}) {
    if (lower == ToString(sku)) return sku;
  }
  return Status::InvalidArgument(fmt::format("unknown SKU \"{}\"", text),
                                 "use one of amt, ism, sbt, consumer");
}

std::string_view ToString(Sku sku) {
  switch (sku) {
    case Sku::kAmt:
      return "amt";
    case Sku::kIsm:
      return "ism";
    case Sku::kSbt:
      return "sbt";
    case Sku::kConsumer:
      return "consumer";
    case Sku::kUnknown:
      break;
  }
  return "unknown";
}

std::string_view ToString(Verdict verdict) {
  switch (verdict) {
    case Verdict::kVulnerable:
      return "vulnerable";
    case Verdict::kNotVulnerable:
      return "not-vulnerable";
    case Verdict::kUnknown:
      break;
  }
  return "unknown";
}

}  // namespace amtscope
