// WindowsMei: MeiTransport over the Intel MEI (HECI) driver on Windows — the
// device interface found with SetupAPI, opened for overlapped I/O, a client
// connected with the driver's connect IOCTL (docs/windows.md §2, facts from
// Intel's metee library). Built only on Windows (cmake/Windows.cmake); the
// error mapping is plain data so tests check it anywhere.
#ifndef AMTSCOPE_LOCAL_WINDOWS_MEI_H_
#define AMTSCOPE_LOCAL_WINDOWS_MEI_H_

#include <cstdint>
#include <string>

#include "local/mei_transport.h"

namespace amtscope {

/// GUID_DEVINTERFACE_HECI {E2D1FF34-3458-49A9-88DA-8E6915CE9BE5}.
inline constexpr std::string_view kHeciInterfaceGuid =
    "e2d1ff34-3458-49a9-88da-8e6915ce9be5";
/// CTL_CODE(FILE_DEVICE_HECI 0x8000, 0x801, METHOD_BUFFERED,
/// FILE_READ_ACCESS | FILE_WRITE_ACCESS): in the client GUID (16 bytes,
/// Windows GUID layout), out FW_CLIENT {UINT32 MaxMessageLength; UINT8
/// ProtocolVersion} packed (5 bytes).
inline constexpr std::uint32_t kIoctlHeciConnectClient = 0x8000E004;

/// Maps a Win32 error from finding/opening the device (`during_open`) or
/// from the connect IOCTL to a MeiStatus: ERROR_FILE_NOT_FOUND (2) and
/// ERROR_PATH_NOT_FOUND (3) → no device, ERROR_ACCESS_DENIED (5) → needs
/// Administrator, ERROR_INVALID_HANDLE (6) or ERROR_NOT_FOUND (1168) on
/// connect → no such client, ERROR_BUSY (170) → busy, else I/O error.
MeiStatus MeiStatusFromWin32(std::uint32_t error, bool during_open);

class WindowsMei : public MeiTransport {
 public:
  /// `device` "" finds the first HECI device interface with SetupAPI.
  explicit WindowsMei(std::string device = {}) : device_(std::move(device)) {}
  ~WindowsMei() override { Disconnect(); }
  WindowsMei(const WindowsMei&) = delete;
  WindowsMei& operator=(const WindowsMei&) = delete;

  MeiConnectResult Connect(const MeiUuid& client) override;
  Status Write(std::span<const std::uint8_t> message) override;
  Result<std::vector<std::uint8_t>> Read(
      std::size_t max_len, std::chrono::milliseconds timeout) override;
  void Disconnect() override;
  /// The device path opened last ("" before the first Connect).
  const std::string& device() const { return device_; }

 private:
  std::string device_;
  void* handle_ = nullptr;  // HANDLE; nullptr when closed
};

}  // namespace amtscope

#endif  // AMTSCOPE_LOCAL_WINDOWS_MEI_H_
