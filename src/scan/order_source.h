// OrderSource: one shard of the scan order as the engine's input.
#ifndef AMTSCOPE_SCAN_ORDER_SOURCE_H_
#define AMTSCOPE_SCAN_ORDER_SOURCE_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "net/permutation.h"
#include "net/target_space.h"
#include "scan/engine.h"

namespace amtscope {

/// Hands out positions start, start+1, ... of one shard's ScanOrder as
/// (address, port) targets, skipping positions `skip` says are done.
/// Thread-safe (one atomic counter). Never yields anything outside `space`.
class OrderSource : public TargetSource {
 public:
  using SkipFn = std::function<bool(uint64_t position)>;
  OrderSource(const TargetSpace& space, const std::vector<uint16_t>& ports,
              const ScanOrder& order, uint64_t start = 0, SkipFn skip = {})
      : space_(space),
        ports_(ports),
        order_(order),
        next_(start),
        skip_(std::move(skip)) {}

  bool Next(ProbeTarget* out) override;

 private:
  const TargetSpace& space_;
  const std::vector<uint16_t>& ports_;
  const ScanOrder& order_;
  std::atomic<uint64_t> next_;
  SkipFn skip_;
};

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_ORDER_SOURCE_H_
