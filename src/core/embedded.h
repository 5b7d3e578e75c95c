// Data files compiled into the binary (see cmake/Embed.cmake, data/README.md).
#ifndef AMTSCOPE_CORE_EMBEDDED_H_
#define AMTSCOPE_CORE_EMBEDDED_H_

#include <cstddef>
#include <string_view>

namespace amtscope::embedded {

extern const char kAdvisoriesJson[];
extern const std::size_t kAdvisoriesJson_size;
extern const char kVendorsJson[];
extern const std::size_t kVendorsJson_size;

/// The advisory database shipped in the binary (data/advisories.json).
inline std::string_view AdvisoriesJson() {
  return {kAdvisoriesJson, kAdvisoriesJson_size};
}
/// The vendor fix database shipped in the binary (data/vendors.json).
inline std::string_view VendorsJson() {
  return {kVendorsJson, kVendorsJson_size};
}

}  // namespace amtscope::embedded

#endif  // AMTSCOPE_CORE_EMBEDDED_H_
