// DeviceLinker: applies the identity rule (identity.h) inside a write
// transaction and keeps each device's state (seen, verdict, fixed) current.
#ifndef AMTSCOPE_INVENTORY_DEVICE_LINKER_H_
#define AMTSCOPE_INVENTORY_DEVICE_LINKER_H_

#include <cstdint>
#include <string>

#include "core/result.h"
#include "inventory/inventory.h"
#include "inventory/sql_connection.h"

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

/// Finds or creates the device for `obs` and updates it; returns its id.
/// A device seen at another address since `scan` began (by this scan or by
/// a shard running beside it) is another device, whatever it shares.
/// REQUIRES: inside db.BeginWrite().
Result<int64_t> LinkDevice(SqlConnection& db, const Observation& obs,
                           const LinkScan& scan);

}  // namespace amtscope

#endif  // AMTSCOPE_INVENTORY_DEVICE_LINKER_H_
