// WindowsMei (windows_mei.h). Method as in Intel's metee library
// (docs/windows.md §2): SetupDiGetClassDevs on GUID_DEVINTERFACE_HECI,
// CreateFile with FILE_FLAG_OVERLAPPED, DeviceIoControl connect, then one
// overlapped WriteFile per request and ReadFile per reply.
#include <windows.h>
// windows.h first: setupapi.h needs its types.
#include <fmt/format.h>
#include <setupapi.h>

#include <cstring>

#include "local/windows_mei.h"

namespace amtscope {

namespace {

// {E2D1FF34-3458-49A9-88DA-8E6915CE9BE5} (kHeciInterfaceGuid).
constexpr GUID kHeciGuid = {0xE2D1FF34,
                            0x3458,
                            0x49A9,
                            {0x88, 0xDA, 0x8E, 0x69, 0x15, 0xCE, 0x9B, 0xE5}};
constexpr DWORD kConnectTimeoutMs = 5000;
constexpr DWORD kWriteTimeoutMs = 5000;

std::string Win32Message(DWORD err) {
  char buf[256] = {};
  DWORD n =
      FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
                     nullptr, err, 0, buf, sizeof buf, nullptr);
  while (n > 0 &&
         (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == '.'))
    buf[--n] = 0;
  return n > 0 ? fmt::format("{} (error {})", buf, err)
               : fmt::format("Windows error {}", err);
}

// The first present HECI device interface's path; "" with `err` set when none.
std::string FindHeciDevice(DWORD* err) {
  HDEVINFO set = SetupDiGetClassDevsA(&kHeciGuid, nullptr, nullptr,
                                      DIGCF_PRESENT | DIGCF_DEVICEINTERFACE);
  if (set == INVALID_HANDLE_VALUE) {
    *err = GetLastError();
    return {};
  }
  std::string path;
  SP_DEVICE_INTERFACE_DATA iface{};
  iface.cbSize = sizeof iface;
  if (SetupDiEnumDeviceInterfaces(set, nullptr, &kHeciGuid, 0, &iface)) {
    DWORD size = 0;
    SetupDiGetDeviceInterfaceDetailA(set, &iface, nullptr, 0, &size, nullptr);
    std::vector<char> buf(
        std::max<DWORD>(size, sizeof(SP_DEVICE_INTERFACE_DETAIL_DATA_A)));
    auto* detail =
        reinterpret_cast<SP_DEVICE_INTERFACE_DETAIL_DATA_A*>(buf.data());
    detail->cbSize = sizeof(SP_DEVICE_INTERFACE_DETAIL_DATA_A);
    if (SetupDiGetDeviceInterfaceDetailA(set, &iface, detail, size, nullptr,
                                         nullptr)) {
      path = detail->DevicePath;
    }
  }
  *err = path.empty() ? ERROR_FILE_NOT_FOUND : 0;
  SetupDiDestroyDeviceInfoList(set);
  return path;
}

// One overlapped operation with its event, waited for up to `ms`.
class Overlapped {
 public:
  Overlapped() { ov_.hEvent = CreateEventA(nullptr, TRUE, FALSE, nullptr); }
  ~Overlapped() {
    if (ov_.hEvent != nullptr) CloseHandle(ov_.hEvent);
  }
  OVERLAPPED* get() { return &ov_; }
  // After a call that returned FALSE: waits for it; ERROR_TIMEOUT after `ms`
  // (the operation is cancelled). Returns 0 and the byte count on success.
  DWORD Finish(HANDLE h, BOOL started, DWORD ms, DWORD* bytes) {
    if (!started && GetLastError() != ERROR_IO_PENDING) return GetLastError();
    if (WaitForSingleObject(ov_.hEvent, ms) != WAIT_OBJECT_0) {
      CancelIoEx(h, &ov_);
      GetOverlappedResult(h, &ov_, bytes, TRUE);
      return ERROR_TIMEOUT;
    }
    return GetOverlappedResult(h, &ov_, bytes, FALSE) ? 0 : GetLastError();
  }

 private:
  OVERLAPPED ov_{};
};

}  // namespace

MeiConnectResult WindowsMei::Connect(const MeiUuid& client) {
  Disconnect();
  MeiConnectResult r;
  DWORD err = 0;
  if (device_.empty()) device_ = FindHeciDevice(&err);
  if (device_.empty()) {
    r.status = MeiStatus::kNoDevice;
    r.detail =
        fmt::format("no Intel MEI driver device interface (GUID {{{}}}): {}",
                    kHeciInterfaceGuid, Win32Message(err));
    return r;
  }
  HANDLE h = CreateFileA(device_.c_str(), GENERIC_READ | GENERIC_WRITE,
                         FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr,
                         OPEN_EXISTING, FILE_FLAG_OVERLAPPED, nullptr);
  if (h == INVALID_HANDLE_VALUE) {
    err = GetLastError();
    r.status = MeiStatusFromWin32(err, /*during_open=*/true);
    r.detail = fmt::format("open {}: {}", device_, Win32Message(err));
    return r;
  }
  handle_ = h;
  // The connect IOCTL takes the client's GUID in Windows' in-memory layout,
  // which is the uuid_le order Linux uses (docs/local-detection.md §1.1).
  std::array<std::uint8_t, 16> guid = client.LeBytes();
  std::uint8_t fw_client[5] = {};
  Overlapped ov;
  DWORD bytes = 0;
  BOOL ok = DeviceIoControl(h, kIoctlHeciConnectClient, guid.data(),
                            static_cast<DWORD>(guid.size()), fw_client,
                            sizeof fw_client, &bytes, ov.get());
  err = ov.Finish(h, ok, kConnectTimeoutMs, &bytes);
  if (err != 0) {
    r.status = MeiStatusFromWin32(err, /*during_open=*/false);
    r.detail =
        fmt::format("connect {}: {}", client.ToString(), Win32Message(err));
    Disconnect();
    return r;
  }
  r.status = MeiStatus::kOk;
  r.max_msg_length = static_cast<std::uint32_t>(fw_client[0]) |
                     static_cast<std::uint32_t>(fw_client[1]) << 8 |
                     static_cast<std::uint32_t>(fw_client[2]) << 16 |
                     static_cast<std::uint32_t>(fw_client[3]) << 24;
  r.protocol_version = fw_client[4];
  return r;
}

Status WindowsMei::Write(std::span<const std::uint8_t> message) {
  if (handle_ == nullptr) return Status::IoError("MEI: not connected");
  Overlapped ov;
  DWORD bytes = 0;
  BOOL ok = WriteFile(handle_, message.data(),
                      static_cast<DWORD>(message.size()), &bytes, ov.get());
  DWORD err = ov.Finish(handle_, ok, kWriteTimeoutMs, &bytes);
  if (err != 0) {
    return Status::IoError(fmt::format("MEI write: {}", Win32Message(err)));
  }
  if (bytes != message.size()) {
    return Status::IoError(
        fmt::format("MEI write: {} of {} bytes", bytes, message.size()));
  }
  return Status::Ok();
}

Result<std::vector<std::uint8_t>> WindowsMei::Read(
    std::size_t max_len, std::chrono::milliseconds timeout) {
  if (handle_ == nullptr) return Status::IoError("MEI: not connected");
  std::vector<std::uint8_t> buf(max_len);
  Overlapped ov;
  DWORD bytes = 0;
  BOOL ok = ReadFile(handle_, buf.data(), static_cast<DWORD>(buf.size()),
                     &bytes, ov.get());
  DWORD err =
      ov.Finish(handle_, ok, static_cast<DWORD>(timeout.count()), &bytes);
  if (err == ERROR_TIMEOUT) {
    return Status::DeadlineExceeded(
        fmt::format("MEI read: no reply within {} ms", timeout.count()));
  }
  if (err != 0) {
    return Status::IoError(fmt::format("MEI read: {}", Win32Message(err)));
  }
  buf.resize(bytes);
  return buf;
}

void WindowsMei::Disconnect() {
  if (handle_ != nullptr) {
    CloseHandle(static_cast<HANDLE>(handle_));
    handle_ = nullptr;
  }
}

}  // namespace amtscope
