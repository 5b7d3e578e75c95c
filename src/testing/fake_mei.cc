#include "testing/fake_mei.h"

#include <fmt/format.h>

#include "local/mkhi.h"

namespace amtscope {

CodeVersions FakeCodeVersions(const FakeMeiConfig& c) {
  const FirmwareVersion& v = c.version;
  std::string three = fmt::format("{}.{}.{}", v.major(), v.minor(), v.hotfix());
  std::string build = v.has_build() ? std::to_string(v.build()) : "0";
  CodeVersions out;
  out.bios = "FAKEBIOS.86A.0001.2017.0501.1200";
  out.entries = {{"Flash", three},
                 {"Netstack", three},
                 {"AMTApps", three},
                 {"AMT", three},
                 {"Sku", c.sku_text},
                 {"VendorID", "8086"},
                 {"Build Number", build},
                 {"Recovery Version", three},
                 {"Recovery Build Num", build},
                 {"Legacy Mode", "False"}};
  return out;
}

MeiConnectResult FakeMei::Connect(const MeiUuid& client) {
  connected_ = false;
  pending_.clear();
  MeiConnectResult r;
  if (config_.open != MeiStatus::kOk) {
    r.status = config_.open;
    r.detail = config_.open == MeiStatus::kNeedsRoot
                   ? "/dev/mei0: Permission denied"
                   : "/dev/mei0: No such file or directory";
    return r;
  }
  r.status = client == AmthiUuid()  ? config_.amthi_connect
             : client == MkhiUuid() ? config_.mkhi_connect
                                    : MeiStatus::kNoSuchClient;
  if (r.status == MeiStatus::kNoSuchClient)
    r.detail = "Inappropriate ioctl for device";
  if (r.status == MeiStatus::kBusy) r.detail = "Device or resource busy";
  if (r.status != MeiStatus::kOk) return r;
  connected_ = true;
  client_ = client;
  r.max_msg_length = 4096;
  r.protocol_version = 1;
  return r;
}

Status FakeMei::Write(std::span<const std::uint8_t> message) {
  if (!connected_) return Status::IoError("write to an unconnected MEI handle");
  requests_.emplace_back(message.begin(), message.end());
  pending_.push_back(Answer(message));
  return Status::Ok();
}

Result<std::vector<std::uint8_t>> FakeMei::Read(
    std::size_t max_len, std::chrono::milliseconds /*timeout*/) {
  if (pending_.empty()) return Status::DeadlineExceeded("MEI read timed out");
  std::vector<std::uint8_t> reply = std::move(pending_.front());
  pending_.pop_front();
  if (reply.size() > max_len) reply.resize(max_len);
  return reply;
}

std::vector<std::uint8_t> FakeMei::Answer(std::span<const std::uint8_t> req) {
  if (client_ == MkhiUuid()) {
    if (req.size() >= 4 && req[0] == 0xFF && req[1] == 0x02) {
      return EncodeMkhiGetFwVersionReply(config_.version);
    }
    if (req.size() >= 8 && req[0] == 0x03 && req[1] == 0x02) {
      std::uint32_t rule = req[4] | req[5] << 8 | req[6] << 16 |
                           static_cast<std::uint32_t>(req[7]) << 24;
      std::uint32_t value =
          rule == kRulePlatformType ? config_.platform_type : config_.fw_caps;
      return EncodeMkhiGetRuleReply(rule, value);
    }
    return {0xFF, 0x80, 0x00, 0x01};  // unknown command: an error result
  }
  if (req.size() < 12) return {};
  std::uint32_t command = req[4] | req[5] << 8 | req[6] << 16 |
                          static_cast<std::uint32_t>(req[7]) << 24;
  std::vector<std::uint8_t> reply = AnswerAmthi(command);
  if (config_.damage == FakeMeiConfig::Damage::kTruncated &&
      reply.size() > 14) {
    reply.resize(reply.size() / 2);
  } else if (config_.damage == FakeMeiConfig::Damage::kGarbage) {
    for (std::size_t i = 0; i < reply.size(); ++i)
      reply[i] = static_cast<std::uint8_t>(0xA5 ^ (i * 37));
  }
  return reply;
}

std::vector<std::uint8_t> FakeMei::AnswerAmthi(std::uint32_t command) {
  auto u32 = [](std::uint32_t v) {
    return std::vector<std::uint8_t>{
        static_cast<std::uint8_t>(v), static_cast<std::uint8_t>(v >> 8),
        static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 24)};
  };
  if (config_.amt_disabled) return {};  // 0-byte reply (§1.1)
  switch (command) {
    case kAmthiGetCodeVersions:
      return EncodeAmthiReply(
          command, 0, EncodeCodeVersionsBody(FakeCodeVersions(config_)));
    case kAmthiGetProvisioningState:
      return EncodeAmthiReply(command, 0, u32(config_.provisioning_state));
    case kAmthiGetControlMode:
      return EncodeAmthiReply(
          command, 0,
          u32(config_.provisioning_state == 0 ? 0 : config_.control_mode));
    case kAmthiUnprovision:
      if (config_.control_mode != 1)
        return EncodeAmthiReply(command, 0x10);  // NOT_PERMITTED
      config_.provisioning_state = 0;
      config_.control_mode = 0;
      unprovisioned_ = true;
      return EncodeAmthiReply(command, 0);
    default:
      return EncodeAmthiReply(command, 1);  // INTERNAL_ERROR
  }
}

}  // namespace amtscope
