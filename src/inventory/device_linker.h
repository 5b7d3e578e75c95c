// DeviceLinker: keeps each device's state (seen, verdict, fixed) current
// as observations arrive; batch_store.h applies it when storing.
#ifndef AMTSCOPE_INVENTORY_DEVICE_LINKER_H_
#define AMTSCOPE_INVENTORY_DEVICE_LINKER_H_

#include <cstdint>
#include <string>

#include "inventory/identity.h"
#include "inventory/inventory.h"

namespace amtscope {

/// A device's state after one more observation from scan `scan_id` (pure).
/// Within one scan the most severe verdict of its ports wins; across scans
/// the newest observation's. first_fixed is set by the first not-vulnerable
/// or not-AMT answer after first_vulnerable.
Device ApplyObservation(Device device, const Observation& obs, int64_t scan_id,
                        const std::string& site);

/// The scan an observation is recorded into, as linking needs it.
struct LinkScan {
  int64_t id = 0;
  std::string site;
  TimePoint start;
};

/// What the identity rule (identity.h) sees of stored device `d` when `f`
/// is recorded into `scan`: seen_elsewhere when `d` answered at another
/// address since the scan began (by it or by a shard running beside it).
DeviceKey KeyOf(const Device& d, const Finding& f, const LinkScan& scan);

/// A certificate or realm that this many stored devices share identifies
/// none of them, and no more of them are read (a fleet-wide certificate).
inline constexpr int64_t kSharedValue = 8;

}  // namespace amtscope

#endif  // AMTSCOPE_INVENTORY_DEVICE_LINKER_H_
