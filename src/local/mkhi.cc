#include "local/mkhi.h"

#include <fmt/format.h>

namespace amtscope {

namespace {

constexpr std::uint8_t kGroupFwCaps = 0x03;
constexpr std::uint8_t kGroupGen = 0xFF;
constexpr std::uint8_t kCmdGetFwVersion = 0x02;
constexpr std::uint8_t kCmdGetRule = 0x02;
constexpr std::uint8_t kResponseBit = 0x80;
constexpr std::size_t kHeader = 4;
constexpr std::size_t kBlock = 8;

std::uint16_t U16(std::span<const std::uint8_t> b, std::size_t at) {
  return static_cast<std::uint16_t>(b[at] | b[at + 1] << 8);
}
std::uint32_t U32(std::span<const std::uint8_t> b, std::size_t at) {
  return static_cast<std::uint32_t>(b[at]) |
         static_cast<std::uint32_t>(b[at + 1]) << 8 |
         static_cast<std::uint32_t>(b[at + 2]) << 16 |
         static_cast<std::uint32_t>(b[at + 3]) << 24;
}
void PutU16(std::vector<std::uint8_t>* out, std::uint32_t v) {
  out->push_back(v & 0xFF);
  out->push_back((v >> 8) & 0xFF);
}
void PutU32(std::vector<std::uint8_t>* out, std::uint32_t v) {
  PutU16(out, v & 0xFFFF);
  PutU16(out, v >> 16);
}

Status CheckHeader(std::span<const std::uint8_t> r, std::uint8_t group,
                   std::uint8_t cmd, std::string_view what) {
  if (r.size() < kHeader) {
    return Status::Corruption(fmt::format(
        "MKHI {} reply is {} bytes, shorter than its header", what, r.size()));
  }
  if (r[0] != group || r[1] != (cmd | kResponseBit)) {
    return Status::Corruption(fmt::format(
        "MKHI {} reply has group/command {:02x} {:02x}", what, r[0], r[1]));
  }
  if (r[3] != 0) {
    return Status::Corruption(
        fmt::format("MKHI {} failed with result 0x{:02x}", what, r[3]));
  }
  return Status::Ok();
}

FirmwareVersion Block(std::span<const std::uint8_t> r, std::size_t at) {
  // {u16 minor; u8 major; u8 platform; u16 buildno; u16 hotfix} (§1.2)
  return FirmwareVersion(r[at + 2], U16(r, at), U16(r, at + 6), U16(r, at + 4));
}

}  // namespace

std::vector<std::uint8_t> EncodeMkhiGetFwVersion() {
  return {kGroupGen, kCmdGetFwVersion, 0x00, 0x00};
}

Result<MkhiFwVersion> DecodeMkhiGetFwVersion(
    std::span<const std::uint8_t> reply) {
  AMTSCOPE_RETURN_IF_ERROR(
      CheckHeader(reply, kGroupGen, kCmdGetFwVersion, "GET_FW_VERSION"));
  if (reply.size() < kHeader + kBlock) {
    return Status::Corruption(
        fmt::format("MKHI GET_FW_VERSION reply is {} bytes, needs at least {}",
                    reply.size(), kHeader + kBlock));
  }
  MkhiFwVersion out;
  out.code = Block(reply, kHeader);
  out.platform = reply[kHeader + 3];
  if (reply.size() >= kHeader + 2 * kBlock)
    out.recovery = Block(reply, kHeader + kBlock);
  if (reply.size() >= kHeader + 3 * kBlock)
    out.fitc = Block(reply, kHeader + 2 * kBlock);
  return out;
}

std::vector<std::uint8_t> EncodeMkhiGetFwVersionReply(const FirmwareVersion& v,
                                                      int platform) {
  std::vector<std::uint8_t> out = {kGroupGen, kCmdGetFwVersion | kResponseBit,
                                   0, 0};
  for (int i = 0; i < 2; ++i) {  // code and recovery blocks alike
    PutU16(&out, v.minor());
    out.push_back(static_cast<std::uint8_t>(v.major()));
    out.push_back(static_cast<std::uint8_t>(platform));
    PutU16(&out, v.has_build() ? v.build() : 0);
    PutU16(&out, v.hotfix());
  }
  return out;
}

std::vector<std::uint8_t> EncodeMkhiGetRule(std::uint32_t rule_id) {
  std::vector<std::uint8_t> out = {kGroupFwCaps, kCmdGetRule, 0x00, 0x00};
  PutU32(&out, rule_id);
  return out;
}

Result<std::uint32_t> DecodeMkhiGetRule(std::span<const std::uint8_t> reply,
                                        std::uint32_t rule_id) {
  AMTSCOPE_RETURN_IF_ERROR(
      CheckHeader(reply, kGroupFwCaps, kCmdGetRule, "GET_RULE"));
  if (reply.size() < kHeader + 5) {
    return Status::Corruption(fmt::format(
        "MKHI GET_RULE reply is {} bytes, too short", reply.size()));
  }
  if (U32(reply, kHeader) != rule_id) {
    return Status::Corruption(
        fmt::format("MKHI GET_RULE reply is for rule 0x{:x}, asked 0x{:x}",
                    U32(reply, kHeader), rule_id));
  }
  const std::size_t len = reply[kHeader + 4];
  if (len != 4 || reply.size() < kHeader + 5 + len) {
    return Status::Corruption(
        fmt::format("MKHI GET_RULE data length {} (expected 4)", len));
  }
  return U32(reply, kHeader + 5);
}

std::vector<std::uint8_t> EncodeMkhiGetRuleReply(std::uint32_t rule_id,
                                                 std::uint32_t value) {
  std::vector<std::uint8_t> out = {kGroupFwCaps, kCmdGetRule | kResponseBit, 0,
                                   0};
  PutU32(&out, rule_id);
  out.push_back(4);
  PutU32(&out, value);
  return out;
}

PlatformType DecodePlatformType(std::uint32_t w) {
  PlatformType p;
  p.mobile = w & 1;
  p.desktop = (w >> 1) & 1;
  p.server = (w >> 2) & 1;
  p.workstation = (w >> 3) & 1;
  p.image_type = static_cast<int>((w >> 8) & 0xF);
  p.brand = static_cast<int>((w >> 12) & 0xF);
  return p;
}

std::string_view BrandName(int brand) {
  switch (brand) {
    case 1:
      return "AMT";
    case 2:
      return "Standard Manageability";
    case 3:
      return "L3";
    case 4:
      return "RPAT";
    case 5:
      return "SBT";
    default:
      return "none";
  }
}

}  // namespace amtscope
