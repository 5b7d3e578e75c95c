// MeiTransport: one connection to one ME firmware client over the MEI driver
// (docs/local-detection.md §1.1). The Linux device, a fake ME for
// tests and a replay of a captured session implement it.
#ifndef AMTSCOPE_LOCAL_MEI_TRANSPORT_H_
#define AMTSCOPE_LOCAL_MEI_TRANSPORT_H_

#include <array>
#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace amtscope {

/// A firmware client UUID in its text form's field order.
struct MeiUuid {
  std::array<std::uint8_t, 16> bytes{};  // big-endian text order
  /// Parses "12f80028-b4b7-4b2d-aca8-46e0ff65814c".
  static Result<MeiUuid> Parse(std::string_view text);
  /// The uuid_le byte order the connect ioctl expects: the first three
  /// fields little-endian (docs/local-detection.md §1.1).
  std::array<std::uint8_t, 16> LeBytes() const;
  std::string ToString() const;
  bool operator==(const MeiUuid&) const = default;
};

/// The firmware clients amtscope talks to (docs/local-detection.md §0).
const MeiUuid& AmthiUuid();  // 12f80028-b4b7-4b2d-aca8-46e0ff65814c
const MeiUuid& MkhiUuid();   // 8e6a6715-9abc-4043-88ef-9e39c6f63e0f

/// Why a connect failed, in the terms of §1.1's errno semantics.
enum class MeiStatus {
  kOk,
  kNoDevice,   // no /dev/mei0 (ENOENT): no driver, ME hidden or a captured tree
  kNeedsRoot,  // EACCES/EPERM opening the device
  kNoSuchClient,  // ENOTTY: the firmware has no such client (no AMT for AMTHI)
  kBusy,          // EBUSY: another process (LMS) holds the client
  kIoError,       // anything else, including a timeout
};
/// "ok", "no-device", "needs-root", "no-such-client", "busy", "io-error".
std::string_view ToString(MeiStatus status);

/// What a connect returns.
struct MeiConnectResult {
  MeiStatus status = MeiStatus::kIoError;
  std::uint32_t max_msg_length = 0;
  std::uint8_t protocol_version = 0;
  std::string detail;  // the OS's words, for the report
};

class MeiTransport {
 public:
  virtual ~MeiTransport() = default;
  /// Connects to `client`, dropping any previous connection.
  virtual MeiConnectResult Connect(const MeiUuid& client) = 0;
  /// Sends one request message.
  virtual Status Write(std::span<const std::uint8_t> message) = 0;
  /// Reads one response message; an empty vector is a 0-byte reply (§1.1:
  /// "AMT disabled"). DeadlineExceeded after `timeout`.
  virtual Result<std::vector<std::uint8_t>> Read(
      std::size_t max_len, std::chrono::milliseconds timeout) = 0;
  /// Closes the connection (a no-op when none).
  virtual void Disconnect() = 0;
};

/// Lowercase hex without separators, and back (capture files, tests).
std::string ToHex(std::span<const std::uint8_t> bytes);
Result<std::vector<std::uint8_t>> FromHex(std::string_view hex);

}  // namespace amtscope

#endif  // AMTSCOPE_LOCAL_MEI_TRANSPORT_H_
