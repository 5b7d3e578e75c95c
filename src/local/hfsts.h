// HFSTS (host firmware status) registers: what /sys/class/mei/meiN/fw_status
// reveals without root (docs/local-detection.md §1.1, §1.3).
#ifndef AMTSCOPE_LOCAL_HFSTS_H_
#define AMTSCOPE_LOCAL_HFSTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace amtscope {

/// Firmware SKU from HFSTS3 bits 6:4 on CSME >= 11 (§1.3).
enum class FwSku { kUnknown, kConsumer, kCorporate, kLite };
/// "consumer", "corporate", "lite", "unknown".
std::string_view ToString(FwSku sku);

/// The decoded fields of the status registers.
struct Hfsts {
  std::vector<std::uint32_t> registers;  // HFSTS1..N as read (0, 1, 2 or 6)
  int working_state = -1;                // HFSTS1 3:0, -1 when absent
  bool manufacturing_mode = false;       // HFSTS1 bit 4
  int operation_state = -1;              // HFSTS1 8:6
  bool init_complete = false;            // HFSTS1 bit 9
  int error_code = -1;                   // HFSTS1 15:12
  int operation_mode = -1;               // HFSTS1 19:16
  /// HFSTS3 bits 6:4 decoded; only meaningful on CSME >= 11.
  std::optional<int> hfsts3_sku_bits;
};

/// Parses fw_status: one "%08X" register per line. Blank lines are skipped;
/// anything else that is not 1-8 hex digits is Corruption.
Result<Hfsts> ParseFwStatus(std::string_view text);

/// The SKU HFSTS3 states, valid only for ME major >= 11 (§1.3: the field
/// does not exist on ME <= 10, where HFSTS3 is not exposed at all).
FwSku SkuFromHfsts(const Hfsts& hfsts, std::optional<int> me_major);

/// "Normal", "Recovery", ... for HFSTS1 working state.
std::string_view WorkingStateName(int state);
/// "Normal", "Debug", "Soft Temporary Disable", ... for HFSTS1 operation mode.
std::string_view OperationModeName(int mode);

}  // namespace amtscope

#endif  // AMTSCOPE_LOCAL_HFSTS_H_
