#include "scan/rtt_estimator.h"

#include <algorithm>
#include <cmath>

namespace amtscope {
namespace {

constexpr double kMinRtoMs = 100;  // nmap's --min-rtt-timeout default
constexpr uint64_t kMinSamples = 8;
// RFC 6298 §2.1: 1 s until RTTs are measured. The full timeout here made
// the first few SYNs of a 3 s scan retry only at 3 s, ending it 3 s later.
constexpr std::chrono::milliseconds kInitialRto{1000};

}  // namespace

std::chrono::milliseconds RttEstimator::RetryTimeout() const {
  if (samples_ < kMinSamples) return std::min(ceiling_, kInitialRto);
  double rto = std::clamp(srtt_ms_ + 4 * rttvar_ms_, kMinRtoMs,
                          static_cast<double>(ceiling_.count()));
  return std::chrono::milliseconds(static_cast<int64_t>(std::ceil(rto)));
}

// RFC 6298 §2: srtt and rttvar with gains 1/8 and 1/4.
void RttEstimator::Sample(double rtt_ms) {
  if (samples_++ == 0) {
    srtt_ms_ = rtt_ms;
    rttvar_ms_ = rtt_ms / 2;
    return;
  }
  rttvar_ms_ = 0.75 * rttvar_ms_ + 0.25 * std::abs(srtt_ms_ - rtt_ms);
  srtt_ms_ = 0.875 * srtt_ms_ + 0.125 * rtt_ms;
}

}  // namespace amtscope
