// MKHI codecs (client 8e6a6715-…): GEN_GET_FW_VERSION and FWCAPS GET_RULE.
// Pure functions over bytes; layouts in docs/local-detection.md §1.2.
#ifndef AMTSCOPE_LOCAL_MKHI_H_
#define AMTSCOPE_LOCAL_MKHI_H_

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/firmware_version.h"
#include "core/result.h"

namespace amtscope {

/// FWCAPS rule ids (§1.2).
inline constexpr std::uint32_t kRuleFwSku = 0;            // capabilities
inline constexpr std::uint32_t kRulePlatformType = 0x1D;  // MKHI_PLATFORM_TYPE
inline constexpr std::uint32_t kRuleFeatureEnable =
    0x20;  // capable and enabled
/// MEFWCAPS_SKU bit 2: Intel AMT.
inline constexpr std::uint32_t kFwCapsAmtBit = 1u << 2;

/// The blocks of a GET_FW_VERSION reply: code, recovery, FITC (when sent).
struct MkhiFwVersion {
  FirmwareVersion code;
  std::optional<FirmwareVersion> recovery;
  std::optional<FirmwareVersion> fitc;
  int platform = 0;  // the platform byte of the code block
};

/// MKHI_PLATFORM_TYPE fields (§1.2 rule 0x1D).
struct PlatformType {
  int image_type = 0;  // 0 none, 1 IGN, 2 ME Lite, 3 Full 4MB, 4 Full 8MB
  int brand =
      0;  // 0 none, 1 AMT, 2 Standard Manageability, 3 L3, 4 RPAT, 5 SBT
  bool mobile = false, desktop = false, server = false, workstation = false;
};

/// FF 02 00 00.
std::vector<std::uint8_t> EncodeMkhiGetFwVersion();
/// Header FF 82 00 <result>, then 1-3 blocks {u16 minor; u8 major; u8
/// platform; u16 build; u16 hotfix}. Corruption on a short, mismatched or
/// failed reply.
Result<MkhiFwVersion> DecodeMkhiGetFwVersion(
    std::span<const std::uint8_t> reply);
/// The reply a firmware would send (fakes, corpus).
std::vector<std::uint8_t> EncodeMkhiGetFwVersionReply(
    const FirmwareVersion& code, int platform = 0);

/// 03 02 00 00 + u32 rule id.
std::vector<std::uint8_t> EncodeMkhiGetRule(std::uint32_t rule_id);
/// Header 03 82 00 <result>, u32 rule id, u8 data_len == 4, u32 data.
Result<std::uint32_t> DecodeMkhiGetRule(std::span<const std::uint8_t> reply,
                                        std::uint32_t rule_id);
std::vector<std::uint8_t> EncodeMkhiGetRuleReply(std::uint32_t rule_id,
                                                 std::uint32_t value);

/// Splits a platform-type word into its fields.
PlatformType DecodePlatformType(std::uint32_t word);
/// "AMT", "Standard Manageability", "L3", "RPAT", "SBT", "none".
std::string_view BrandName(int brand);

}  // namespace amtscope

#endif  // AMTSCOPE_LOCAL_MKHI_H_
