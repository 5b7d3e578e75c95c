#include "amt/product.h"

#include <array>

namespace amtscope {
namespace {

// docs/protocol.md §2.1 (Server banners) and §2.11 (ISM/SBT/CME variants).
// nmap's product name for CME is AMT's: nmap-service-probes knows no other.
constexpr std::array<AmtProduct, 4> kProducts = {{
    {"amt", "Active Management Technology", "Intel AMT",
     "Intel Active Management Technology"},
    {"ism", "Standard Manageability", "Intel Standard Manageability",
     "Intel Standard Manageability"},
    {"sbt", "Small Business Technology", "Intel Small Business Technology",
     "Intel Small Business Technology"},
    {"cme", "Con. Management Engine", "Intel Con. Management Engine",
     "Intel Active Management Technology"},
}};

}  // namespace

std::span<const AmtProduct> AmtProducts() { return kProducts; }

const AmtProduct* FindAmtProduct(std::string_view code) {
  for (const AmtProduct& p : kProducts) {
    if (p.code == code) return &p;
  }
  return nullptr;
}

std::string AmtServerHeader(const AmtProduct& product,
                            std::string_view version) {
  std::string out = "Intel(R) ";
  out += product.server_name;
  if (!version.empty()) {
    out += ' ';
    out += version;
  }
  return out;
}

}  // namespace amtscope
