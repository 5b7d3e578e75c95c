// AMTHI (AMT host interface, client 12f80028-…) codecs: GetCodeVersions,
// GetProvisioningState, GetControlMode, Unprovision. Pure functions over
// bytes; layouts in docs/local-detection.md §1.2.
#ifndef AMTSCOPE_LOCAL_AMTHI_H_
#define AMTSCOPE_LOCAL_AMTHI_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/firmware_version.h"
#include "core/result.h"

namespace amtscope {

/// Request codes (class 4 in bits 24-31); a reply sets bit 23.
inline constexpr std::uint32_t kAmthiGetCodeVersions = 0x0400001A;
inline constexpr std::uint32_t kAmthiGetProvisioningState = 0x04000011;
inline constexpr std::uint32_t kAmthiGetControlMode = 0x0400006B;
inline constexpr std::uint32_t kAmthiUnprovision = 0x04000010;
inline constexpr std::uint32_t kAmthiResponseBit = 0x00800000;

/// A validated reply: its status and the bytes after the status word.
struct AmthiReply {
  std::uint32_t command = 0;
  std::uint32_t status = 0;
  std::vector<std::uint8_t> body;
};

/// GetCodeVersions: BIOS string and the firmware's (description, version)
/// table ("AMT" "11.0.18", "Build Number" "1000", "Sku" "16392", ...).
struct CodeVersions {
  std::string bios;
  std::vector<std::pair<std::string, std::string>> entries;
  /// The value of the entry named `desc`, or "".
  std::string Get(std::string_view desc) const;
  /// "AMT" + "." + "Build Number" (fwupd's rule, §1.2), when both parse.
  std::optional<FirmwareVersion> AmtVersion() const;
  /// The Sku bitfield parsed like strtoul(..., 0) (§1.2), when present.
  std::optional<std::uint32_t> SkuBits() const;
};

/// Sku bitfield bits (Intel tool sku_decode, §1.2).
inline constexpr std::uint32_t kSkuAmt = 1u << 3;
inline constexpr std::uint32_t kSkuIsm = 1u << 4;
inline constexpr std::uint32_t kSkuCorporate = 1u << 14;
inline constexpr std::uint32_t kSkuSbt = 1u << 16;

/// Header {u8 1; u8 1; u16 0; u32 command; u32 length} + payload.
std::vector<std::uint8_t> EncodeAmthiRequest(
    std::uint32_t command, std::span<const std::uint8_t> payload = {});
/// Unprovision with mode 0 (NONE): length 4.
std::vector<std::uint8_t> EncodeAmthiUnprovision();
/// Validates a reply to `request` (size == length + 12, version 1.x,
/// reserved 0, command | 0x800000, a status word) and splits it.
Result<AmthiReply> DecodeAmthiReply(std::span<const std::uint8_t> reply,
                                    std::uint32_t request);
/// A reply as firmware would send it (fakes, corpus).
std::vector<std::uint8_t> EncodeAmthiReply(
    std::uint32_t request, std::uint32_t status,
    std::span<const std::uint8_t> body = {});

/// Body of a successful GetCodeVersions reply.
Result<CodeVersions> DecodeCodeVersions(std::span<const std::uint8_t> body);
std::vector<std::uint8_t> EncodeCodeVersionsBody(const CodeVersions& versions);
/// Body holding one u32 (provisioning state, control mode).
Result<std::uint32_t> DecodeU32Body(std::span<const std::uint8_t> body,
                                    std::string_view what);

/// "pre-provisioning", "in-provisioning", "post-provisioning".
std::string_view ProvisioningStateName(std::uint32_t state);
/// "none", "client-control", "admin-control".
std::string_view ControlModeName(std::uint32_t mode);

}  // namespace amtscope

#endif  // AMTSCOPE_LOCAL_AMTHI_H_
