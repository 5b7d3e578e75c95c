#include "local/mei_client.h"

#include <fmt/format.h>

namespace amtscope {

namespace {

constexpr std::size_t kDefaultMaxLen = 4096;

std::size_t MaxLen(const MeiConnectResult& c) {
  return c.max_msg_length > 0 ? c.max_msg_length : kDefaultMaxLen;
}

Result<std::vector<std::uint8_t>> RoundTrip(
    MeiTransport& mei, std::span<const std::uint8_t> request,
    std::size_t max_len, std::chrono::milliseconds timeout) {
  AMTSCOPE_RETURN_IF_ERROR(mei.Write(request));
  return mei.Read(max_len, timeout);
}

void QueryMkhi(MeiTransport& mei, std::chrono::milliseconds timeout,
               MeiFacts* out) {
  MeiConnectResult c = mei.Connect(MkhiUuid());
  out->mkhi_connect = c.status;
  out->mkhi_detail = c.detail;
  if (c.status != MeiStatus::kOk) return;
  auto reply = RoundTrip(mei, EncodeMkhiGetFwVersion(), MaxLen(c), timeout);
  auto version = reply.ok() ? DecodeMkhiGetFwVersion(*reply)
                            : Result<MkhiFwVersion>(reply.status());
  if (version.ok()) {
    out->mkhi_version = *version;
  } else {
    out->notes.push_back(version.status().message());
  }
  const std::uint32_t rules[] = {kRuleFwSku, kRuleFeatureEnable,
                                 kRulePlatformType};
  for (std::uint32_t rule : rules) {
    auto r = RoundTrip(mei, EncodeMkhiGetRule(rule), MaxLen(c), timeout);
    auto value = r.ok() ? DecodeMkhiGetRule(*r, rule)
                        : Result<std::uint32_t>(r.status());
    if (!value.ok()) {
      out->notes.push_back(value.status().message());
      continue;
    }
    if (rule == kRuleFwSku) out->fw_caps = *value;
    if (rule == kRuleFeatureEnable) out->feature_enable = *value;
    if (rule == kRulePlatformType)
      out->platform_type = DecodePlatformType(*value);
  }
  mei.Disconnect();
}

std::optional<std::uint32_t> QueryU32(MeiTransport& mei, std::uint32_t command,
                                      std::string_view what,
                                      std::size_t max_len,
                                      std::chrono::milliseconds timeout,
                                      MeiFacts* out) {
  auto reply =
      AmthiCall(mei, command, EncodeAmthiRequest(command), max_len, timeout);
  if (!reply.ok()) {
    out->notes.push_back(reply.status().message());
    return std::nullopt;
  }
  if (reply->status != 0) {
    out->notes.push_back(
        fmt::format("AMTHI {} returned status 0x{:x}", what, reply->status));
    return std::nullopt;
  }
  auto value = DecodeU32Body(reply->body, what);
  if (!value.ok()) {
    out->notes.push_back(value.status().message());
    return std::nullopt;
  }
  return *value;
}

void QueryAmthi(MeiTransport& mei, std::chrono::milliseconds timeout,
                MeiFacts* out) {
  MeiConnectResult c = mei.Connect(AmthiUuid());
  out->amthi_connect = c.status;
  out->amthi_detail = c.detail;
  if (c.status != MeiStatus::kOk) return;
  const std::size_t max_len = MaxLen(c);
  auto raw = RoundTrip(mei, EncodeAmthiRequest(kAmthiGetCodeVersions), max_len,
                       timeout);
  if (raw.ok() && raw->empty()) {
    out->amt_disabled = true;  // HOST_IF_EMPTY_RESPONSE: "AMT disabled" (§1.1)
    mei.Disconnect();
    return;
  }
  auto reply = raw.ok() ? DecodeAmthiReply(*raw, kAmthiGetCodeVersions)
                        : Result<AmthiReply>(raw.status());
  if (reply.ok() && reply->status == 0) {
    auto versions = DecodeCodeVersions(reply->body);
    if (versions.ok())
      out->code_versions = std::move(versions).value();
    else
      out->notes.push_back(versions.status().message());
  } else {
    out->notes.push_back(
        reply.ok() ? fmt::format("AMTHI GetCodeVersions returned status 0x{:x}",
                                 reply->status)
                   : reply.status().message());
  }
  out->provisioning_state =
      QueryU32(mei, kAmthiGetProvisioningState, "GetProvisioningState", max_len,
               timeout, out);
  if (out->provisioning_state.value_or(0) != 0) {
    out->control_mode = QueryU32(mei, kAmthiGetControlMode, "GetControlMode",
                                 max_len, timeout, out);
  }
  mei.Disconnect();
}

}  // namespace

Result<AmthiReply> AmthiCall(MeiTransport& mei, std::uint32_t command,
                             std::span<const std::uint8_t> request,
                             std::size_t max_len,
                             std::chrono::milliseconds timeout) {
  AMTSCOPE_ASSIGN_OR_RETURN(std::vector<std::uint8_t> raw,
                            RoundTrip(mei, request, max_len, timeout));
  if (raw.empty())
    return Status::Unavailable("AMTHI sent an empty reply (AMT disabled)");
  return DecodeAmthiReply(raw, command);
}

MeiFacts QueryMei(MeiTransport& mei, std::chrono::milliseconds timeout) {
  MeiFacts out;
  QueryMkhi(mei, timeout, &out);
  if (out.mkhi_connect == MeiStatus::kNoDevice ||
      out.mkhi_connect == MeiStatus::kNeedsRoot) {
    out.amthi_connect = out.mkhi_connect;  // the device itself did not open
    out.amthi_detail = out.mkhi_detail;
    return out;
  }
  QueryAmthi(mei, timeout, &out);
  return out;
}

Status UnprovisionAmt(MeiTransport& mei, std::chrono::milliseconds timeout) {
  MeiConnectResult c = mei.Connect(AmthiUuid());
  if (c.status != MeiStatus::kOk) {
    return Status::Unavailable(
        fmt::format("cannot connect to the AMT host interface: {} {}",
                    ToString(c.status), c.detail),
        c.status == MeiStatus::kBusy
            ? "stop LMS first (--disable-lms) and retry"
            : "run as root on the machine itself");
  }
  MeiFacts facts;
  auto state = QueryU32(mei, kAmthiGetProvisioningState, "GetProvisioningState",
                        MaxLen(c), timeout, &facts);
  if (!state)
    return Status::IoError(facts.notes.empty() ? "GetProvisioningState failed"
                                               : facts.notes.back());
  if (*state == 0) return Status::Ok();  // already unprovisioned: nothing to do
  auto mode = QueryU32(mei, kAmthiGetControlMode, "GetControlMode", MaxLen(c),
                       timeout, &facts);
  if (!mode)
    return Status::IoError(facts.notes.empty() ? "GetControlMode failed"
                                               : facts.notes.back());
  if (*mode == 2) {  // §1.4: the Unprovisioning tool refuses ACM
    return Status::PermissionDenied(
        "AMT is provisioned in admin control mode; it cannot be unprovisioned "
        "from the OS",
        "unprovision in Intel MEBx: press Ctrl+P during boot");
  }
  auto reply = AmthiCall(mei, kAmthiUnprovision, EncodeAmthiUnprovision(),
                         MaxLen(c), timeout);
  if (!reply.ok()) return reply.status();
  if (reply->status != 0) {
    return Status::IoError(
        fmt::format("AMTHI Unprovision returned status 0x{:x}", reply->status),
        "unprovision in Intel MEBx (Ctrl+P at boot)");
  }
  mei.Disconnect();
  return Status::Ok();
}

}  // namespace amtscope
