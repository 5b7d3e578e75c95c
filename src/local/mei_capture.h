// Recording and replaying MEI sessions, so a captured tree can carry what
// the ME said (file amtscope-mei.txt at the tree's root) and `--root` never
// touches a live /dev/mei0.
//
// Format, one record per line ('#' comments):
//   connect <uuid> <status> <max_msg_length> <protocol_version>
//   xfer <uuid> <request hex> <reply hex | "-" for a 0-byte reply | "!" no
//   reply>
#ifndef AMTSCOPE_LOCAL_MEI_CAPTURE_H_
#define AMTSCOPE_LOCAL_MEI_CAPTURE_H_

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "local/mei_transport.h"

namespace amtscope {

/// The file name of a captured MEI session inside a captured tree.
inline constexpr std::string_view kMeiCaptureFile = "amtscope-mei.txt";

/// Passes everything to `inner` and writes it down.
class RecordingMei : public MeiTransport {
 public:
  explicit RecordingMei(MeiTransport& inner) : inner_(inner) {}
  MeiConnectResult Connect(const MeiUuid& client) override;
  Status Write(std::span<const std::uint8_t> message) override;
  Result<std::vector<std::uint8_t>> Read(
      std::size_t max_len, std::chrono::milliseconds timeout) override;
  void Disconnect() override { inner_.Disconnect(); }
  /// The session in the file format above.
  const std::string& log() const { return log_; }

 private:
  MeiTransport& inner_;
  MeiUuid client_;
  std::string pending_request_;
  std::string log_ = "# amtscope MEI session capture v1\n";
};

/// Answers from a recorded session. A client never recorded is "no device"
/// territory: Connect reports kIoError "not in the capture".
class ReplayMei : public MeiTransport {
 public:
  /// Parses a capture; malformed lines are skipped and counted.
  static ReplayMei Parse(std::string_view text);
  MeiConnectResult Connect(const MeiUuid& client) override;
  Status Write(std::span<const std::uint8_t> message) override;
  Result<std::vector<std::uint8_t>> Read(
      std::size_t max_len, std::chrono::milliseconds timeout) override;
  void Disconnect() override { connected_ = false; }
  int malformed_lines() const { return malformed_; }

 private:
  std::map<std::string, MeiConnectResult> connects_;  // by uuid
  std::map<std::pair<std::string, std::string>, std::string>
      xfers_;  // (uuid, req) → reply
  bool connected_ = false;
  std::string client_;
  std::string reply_;  // "!" when none
  int malformed_ = 0;
};

/// "ok" → kOk, ... (ToString(MeiStatus) inverse); kIoError for anything else.
MeiStatus MeiStatusFromString(std::string_view text);

}  // namespace amtscope

#endif  // AMTSCOPE_LOCAL_MEI_CAPTURE_H_
