#include "scan/order_source.h"

namespace amtscope {

bool OrderSource::Next(ProbeTarget* out) {
  for (;;) {
    uint64_t pos = next_.fetch_add(1, std::memory_order_relaxed);
    if (pos >= order_.size()) return false;
    if (skip_ && skip_(pos)) continue;
    ScanOrder::Pick p = order_.At(pos);
    out->address = space_.At(p.address_index);
    out->port = ports_[p.port_index];
    out->position = pos;
    return true;
  }
}

}  // namespace amtscope
