#include "scan/page_scanner.h"

#include "amt/web.h"

namespace amtscope {
namespace {

constexpr size_t kMaxNeedle = 40;
constexpr size_t kMaxCapture = 40;

// In Needle order (page_scanner.h); lower-case, the body is lower-cased byte by
// byte while matching.
constexpr std::array<std::string_view, 9> kNeedles = {
    kMarkerAmt,          kMarkerIsm,           kMarkerSbt,
    kMarkerSystemStatus, kMarkerComputerModel, kMarkerHardwareInfo,
    kMarkerSoapEnvelope, kMarkerFooter,        kMarkerVersionString,
};

// KMP failure tables, one per needle, an ASCII lower-case map and which
// bytes start a needle (computed once).
struct Tables {
  std::array<std::array<uint8_t, kMaxNeedle>, kNeedles.size()> fail{};
  std::array<char, 256> lower{};
  std::array<bool, 256> starts{};
  Tables() {
    for (int c = 0; c < 256; ++c) {
      lower[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    for (std::string_view p : kNeedles) {
      starts[static_cast<unsigned char>(p[0])] = true;
    }
    for (size_t n = 0; n < kNeedles.size(); ++n) {
      std::string_view p = kNeedles[n];
      uint8_t k = 0;
      for (size_t i = 1; i < p.size(); ++i) {
        while (k > 0 && p[i] != p[k]) k = fail[n][k - 1];
        if (p[i] == p[k]) ++k;
        fail[n][i] = k;
      }
    }
  }
};
const Tables& GetTables() {
  static const Tables tables;
  return tables;
}

}  // namespace

void PageScanner::OnBody(std::string_view bytes) {
  const Tables& t = GetTables();
  for (char raw : bytes) {
    if (capturing_ >= 0) Capture(raw);
    auto byte = static_cast<unsigned char>(raw);
    char c = t.lower[byte];
    // Most body bytes neither continue a partial match nor start one: a
    // profile of a rig scan had the per-needle loop at 3 % of all CPU.
    if (partial_ == 0 && !t.starts[static_cast<unsigned char>(c)]) continue;
    partial_ = 0;
    for (size_t n = 0; n < kNeedles.size(); ++n) {
      std::string_view p = kNeedles[n];
      uint8_t k = pos_[n];
      while (k > 0 && c != p[k]) k = t.fail[n][k - 1];
      if (c == p[k]) ++k;
      if (k == p.size()) {
        OnMatch(static_cast<int>(n));
        k = t.fail[n][k - 1];
      }
      pos_[n] = k;
      if (k > 0) partial_ |= static_cast<uint16_t>(1U << n);
    }
  }
}

void PageScanner::OnMatch(int needle) {
  switch (needle) {
    case kSoapEnvelope:
      soap_ = true;
      break;
    case kFooter:
      if (footer_.empty() && capturing_ < 0) {
        capturing_ = needle;
        capture_.clear();
      }
      break;
    case kVersionString:
      if (wsman_version_.empty() && capturing_ < 0) {
        capturing_ = needle;
        capture_.clear();
      }
      break;
    default:
      amt_page_ = true;
  }
}

// Collects the value after a matched label up to markup or end of line.
void PageScanner::Capture(char c) {
  bool stop = c == '<' || c == '\n' || c == '\r' || c == '&' ||
              capture_.size() >= kMaxCapture;
  if (!stop) {
    if (!(capture_.empty() && (c == ' ' || c == '\t'))) capture_.push_back(c);
    return;
  }
  while (!capture_.empty() && capture_.back() == ' ') capture_.pop_back();
  (capturing_ == kFooter ? footer_ : wsman_version_) = capture_;
  capture_.clear();
  capturing_ = -1;
}

}  // namespace amtscope
