// FakeMei: a simulated ME behind the MeiTransport interface (test-only, in
// amtscope_testing, never in the amtscope binary). It decodes each request
// and answers as the firmware would (docs/local-detection.md §1.1, §1.2).
#ifndef AMTSCOPE_TESTING_FAKE_MEI_H_
#define AMTSCOPE_TESTING_FAKE_MEI_H_

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "core/firmware_version.h"
#include "local/amthi.h"
#include "local/mei_transport.h"

namespace amtscope {

/// How the fake ME behaves.
struct FakeMeiConfig {
  MeiStatus open =
      MeiStatus::kOk;  // kNoDevice / kNeedsRoot: device fails to open
  MeiStatus amthi_connect =
      MeiStatus::kOk;  // kNoSuchClient (ENOTTY), kBusy (EBUSY)
  MeiStatus mkhi_connect = MeiStatus::kOk;
  FirmwareVersion version{11, 0, 18, 1000};
  std::uint32_t fw_caps = 1u << 2;  // MEFWCAPS_SKU: AMT
  std::uint32_t platform_type =
      (1u << 12) | (4u << 8) | 1u;       // AMT brand, full 8MB, mobile
  std::string sku_text = "16392";        // "Sku" entry: 0x4008 corporate + AMT
  std::uint32_t provisioning_state = 2;  // POST
  std::uint32_t control_mode = 1;        // CCM
  bool amt_disabled = false;             // GetCodeVersions → 0-byte reply
  enum class Damage {
    kNone,
    kTruncated,
    kGarbage
  } damage = Damage::kNone;  // AMTHI replies
};

class FakeMei : public MeiTransport {
 public:
  explicit FakeMei(FakeMeiConfig config) : config_(std::move(config)) {}
  MeiConnectResult Connect(const MeiUuid& client) override;
  Status Write(std::span<const std::uint8_t> message) override;
  Result<std::vector<std::uint8_t>> Read(
      std::size_t max_len, std::chrono::milliseconds timeout) override;
  void Disconnect() override { connected_ = false; }

  /// Every request written, in order (for byte-level assertions).
  const std::vector<std::vector<std::uint8_t>>& requests() const {
    return requests_;
  }
  /// True once an Unprovision request succeeded.
  bool unprovisioned() const { return unprovisioned_; }

 private:
  std::vector<std::uint8_t> Answer(std::span<const std::uint8_t> request);
  std::vector<std::uint8_t> AnswerAmthi(std::uint32_t command);
  FakeMeiConfig config_;
  bool connected_ = false;
  MeiUuid client_;
  std::deque<std::vector<std::uint8_t>> pending_;
  std::vector<std::vector<std::uint8_t>> requests_;
  bool unprovisioned_ = false;
};

/// The code-versions table the fake sends for `config`.
CodeVersions FakeCodeVersions(const FakeMeiConfig& config);

}  // namespace amtscope

#endif  // AMTSCOPE_TESTING_FAKE_MEI_H_
