// RttEstimator: how long a retry waits, from measured round trips (RFC 6298
// §2). Shared by the SYN tracker and the RMCP ping, so both spend only the
// scan's timeout on their last attempt and retry after a round trip or so:
// the same terms as masscan's single wait (docs/scan-performance.md).
#ifndef AMTSCOPE_SCAN_RTT_ESTIMATOR_H_
#define AMTSCOPE_SCAN_RTT_ESTIMATOR_H_

#include <chrono>
#include <cstdint>

namespace amtscope {

/// Smoothed round trip and variance; the retry wait they give, clamped to
/// [100 ms, ceiling], and min(ceiling, 1 s) until eight were measured.
class RttEstimator {
 public:
  /// `ceiling`: the longest a retry may wait (the scan's timeout).
  explicit RttEstimator(std::chrono::milliseconds ceiling)
      : ceiling_(ceiling) {}

  /// One measured round trip (Karn: only of a target sent once).
  void Sample(double rtt_ms);
  /// The wait before a retry.
  std::chrono::milliseconds RetryTimeout() const;
  /// Round trips measured so far.
  uint64_t samples() const { return samples_; }

 private:
  std::chrono::milliseconds ceiling_;
  double srtt_ms_ = 0;
  double rttvar_ms_ = 0;
  uint64_t samples_ = 0;
};

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_RTT_ESTIMATOR_H_
