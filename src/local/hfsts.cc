#include "local/hfsts.h"

#include <fmt/format.h>

#include <charconv>

#include "local/file_system.h"

namespace amtscope {

std::string_view ToString(FwSku sku) {
  switch (sku) {
    case FwSku::kConsumer:
      return "consumer";
    case FwSku::kCorporate:
      return "corporate";
    case FwSku::kLite:
      return "lite";
    case FwSku::kUnknown:
      break;
  }
  return "unknown";
}

Result<Hfsts> ParseFwStatus(std::string_view text) {
  Hfsts out;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = TrimValue(text.substr(0, nl));
    text =
        nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (line.empty()) continue;
    std::uint32_t value = 0;
    auto [end, ec] =
        std::from_chars(line.data(), line.data() + line.size(), value, 16);
    if (ec != std::errc() || end != line.data() + line.size() ||
        line.size() > 8) {
      return Status::Corruption(
          fmt::format("fw_status line \"{}\" is not an 8-digit hex register",
                      line.substr(0, 40)));
    }
    if (out.registers.size() == 6) {
      return Status::Corruption("fw_status has more than 6 registers");
    }
    out.registers.push_back(value);
  }
  if (out.registers.empty()) return out;
  // HFSTS1 layout (ME <= 10 and later alike for these fields) — §1.3 table.
  const std::uint32_t h1 = out.registers[0];
  out.working_state = static_cast<int>(h1 & 0xF);
  out.manufacturing_mode = (h1 >> 4) & 1;
  out.operation_state = static_cast<int>((h1 >> 6) & 0x7);
  out.init_complete = (h1 >> 9) & 1;
  out.error_code = static_cast<int>((h1 >> 12) & 0xF);
  out.operation_mode = static_cast<int>((h1 >> 16) & 0xF);
  if (out.registers.size() >= 3) {
    out.hfsts3_sku_bits = static_cast<int>((out.registers[2] >> 4) & 0x7);
  }
  return out;
}

FwSku SkuFromHfsts(const Hfsts& hfsts, std::optional<int> me_major) {
  if (!hfsts.hfsts3_sku_bits || !me_major || *me_major < 11)
    return FwSku::kUnknown;
  switch (*hfsts.hfsts3_sku_bits) {  // §1.3: 2 Consumer, 3 Corporate, 5 Lite
    case 2:
      return FwSku::kConsumer;
    case 3:
      return FwSku::kCorporate;
    case 5:
      return FwSku::kLite;
    default:
      return FwSku::kUnknown;
  }
}

std::string_view WorkingStateName(int state) {
  switch (state) {
    case 0:
      return "Reset";
    case 1:
      return "Initializing";
    case 2:
      return "Recovery";
    case 3:
      return "Test";
    case 4:
      return "Disabled";
    case 5:
      return "Normal";
    case 6:
      return "Platform Disable Wait";
    case 7:
      return "OP State Transition";
    case 8:
      return "Invalid CPU Plugged In";
    case 0xE:
      return "Halt";
    default:
      return "Unknown";
  }
}

std::string_view OperationModeName(int mode) {
  switch (mode) {
    case 0:
      return "Normal";
    case 2:
      return "Debug";
    case 3:
      return "Soft Temporary Disable";
    case 4:
      return "Security Override via Jumper";
    case 5:
      return "Security Override via MEI Message";
    case 7:
      return "Enhanced Debug";
    case 0xF:
      return "SPS";
    default:
      return "Unknown";
  }
}

}  // namespace amtscope
