// The Intel manageability firmware products and every name each goes by:
// the code in our outputs, the name in its Server header and page titles,
// the short name users read, the name nmap's XML gives it (docs/protocol.md
// §2.1, §2.11). The one table; banners, the emulator and the writers use it.
#ifndef AMTSCOPE_AMT_PRODUCT_H_
#define AMTSCOPE_AMT_PRODUCT_H_

#include <span>
#include <string>
#include <string_view>

namespace amtscope {

/// One firmware product and its names.
struct AmtProduct {
  std::string_view code;         // "amt", "ism", "sbt", "cme" (NDJSON product)
  std::string_view server_name;  // "Active Management Technology" (banner)
  std::string_view short_name;   // "Intel AMT" (tables, reports)
  std::string_view nmap_name;    // nmap XML <service product=...>
};

/// Every product, AMT first.
std::span<const AmtProduct> AmtProducts();

/// The product with `code`, or nullptr.
const AmtProduct* FindAmtProduct(std::string_view code);

/// The Server header the firmware sends: "Intel(R) <server_name> <version>".
std::string AmtServerHeader(const AmtProduct& product,
                            std::string_view version);

/// The bare Server header of ME 11.x firmware (no product, no version, §2.1).
inline constexpr std::string_view kBareServerHeader = "AMT";

}  // namespace amtscope

#endif  // AMTSCOPE_AMT_PRODUCT_H_
