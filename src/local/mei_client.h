// MeiClient: asks the ME what only a privileged process can (reference
// docs/local-detection.md §1.6 step 3) through any MeiTransport.
#ifndef AMTSCOPE_LOCAL_MEI_CLIENT_H_
#define AMTSCOPE_LOCAL_MEI_CLIENT_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "local/amthi.h"
#include "local/mei_transport.h"
#include "local/mkhi.h"

namespace amtscope {

/// Everything the MEI queries produced; each field is absent when its query
/// failed, with the reason in `notes`.
struct MeiFacts {
  MeiStatus mkhi_connect = MeiStatus::kNoDevice;
  std::string mkhi_detail;
  std::optional<MkhiFwVersion> mkhi_version;
  std::optional<std::uint32_t> fw_caps;  // rule 0: capable
  std::optional<std::uint32_t>
      feature_enable;                         // rule 0x20: capable and enabled
  std::optional<PlatformType> platform_type;  // rule 0x1D

  MeiStatus amthi_connect = MeiStatus::kNoDevice;
  std::string amthi_detail;
  bool amt_disabled = false;  // GetCodeVersions got a 0-byte reply (§1.1)
  std::optional<CodeVersions> code_versions;
  std::optional<std::uint32_t> provisioning_state;  // 0 PRE, 1 IN, 2 POST
  std::optional<std::uint32_t> control_mode;        // 0 none, 1 CCM, 2 ACM
  std::vector<std::string> notes;

  /// True when at least one client answered.
  bool any() const {
    return mkhi_connect == MeiStatus::kOk || amthi_connect == MeiStatus::kOk;
  }
};

/// Runs MKHI GET_FW_VERSION + FWCAPS rules and AMTHI GetCodeVersions,
/// GetProvisioningState, GetControlMode. Never fails; see MeiFacts.
MeiFacts QueryMei(MeiTransport& mei, std::chrono::milliseconds timeout =
                                         std::chrono::milliseconds(2000));

/// One AMTHI request/reply round trip on a connected transport.
Result<AmthiReply> AmthiCall(MeiTransport& mei, std::uint32_t command,
                             std::span<const std::uint8_t> request,
                             std::size_t max_len,
                             std::chrono::milliseconds timeout);

/// Unprovisions AMT the way Intel's Linux tool does (§1.4, §3): only when
/// provisioned in client control mode; PermissionDenied with the MEBx
/// instruction (Ctrl+P at boot) in admin control mode.
Status UnprovisionAmt(MeiTransport& mei, std::chrono::milliseconds timeout =
                                             std::chrono::milliseconds(5000));

}  // namespace amtscope

#endif  // AMTSCOPE_LOCAL_MEI_CLIENT_H_
