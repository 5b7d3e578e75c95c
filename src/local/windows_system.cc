#include <windows.h>
// windows.h first.
#include <fmt/format.h>
#include <io.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "local/windows_system.h"

namespace amtscope {

namespace {

// Closes an SC_HANDLE.
class ScHandle {
 public:
  explicit ScHandle(SC_HANDLE h) : h_(h) {}
  ~ScHandle() {
    if (h_ != nullptr) CloseServiceHandle(h_);
  }
  ScHandle(const ScHandle&) = delete;
  ScHandle& operator=(const ScHandle&) = delete;
  SC_HANDLE get() const { return h_; }

 private:
  SC_HANDLE h_;
};

Status ScmError(std::string_view what, std::string_view name) {
  DWORD err = GetLastError();
  std::string msg = fmt::format("{} {}: Windows error {}", what, name, err);
  if (err == ERROR_ACCESS_DENIED) {
    return Status::PermissionDenied(
        msg, "run amtscope in an elevated prompt (Run as administrator)");
  }
  if (err == ERROR_SERVICE_DOES_NOT_EXIST) return Status::NotFound(msg);
  return Status::IoError(msg);
}

std::string StateName(DWORD state) {
  switch (state) {
    case SERVICE_STOPPED:
      return "stopped";
    case SERVICE_START_PENDING:
      return "start-pending";
    case SERVICE_STOP_PENDING:
      return "stop-pending";
    case SERVICE_RUNNING:
      return "running";
    case SERVICE_CONTINUE_PENDING:
      return "continue-pending";
    case SERVICE_PAUSE_PENDING:
      return "pause-pending";
    case SERVICE_PAUSED:
      return "paused";
    default:
      return "unknown";
  }
}

std::string StartTypeName(DWORD type) {
  switch (type) {
    case SERVICE_BOOT_START:
      return "boot";
    case SERVICE_SYSTEM_START:
      return "system";
    case SERVICE_AUTO_START:
      return "auto";
    case SERVICE_DEMAND_START:
      return "demand";
    case SERVICE_DISABLED:
      return "disabled";
    default:
      return "unknown";
  }
}

Result<SC_HANDLE> OpenService(std::string_view name, DWORD access) {
  SC_HANDLE scm = OpenSCManagerA(nullptr, nullptr, SC_MANAGER_CONNECT);
  if (scm == nullptr)
    return ScmError("cannot open the Service Control Manager for", name);
  ScHandle scm_guard(scm);
  SC_HANDLE svc = OpenServiceA(scm, std::string(name).c_str(), access);
  if (svc == nullptr) return ScmError("cannot open service", name);
  return svc;
}

}  // namespace

Result<ServiceFacts> WindowsServiceManager::Query(std::string_view name) {
  ServiceFacts out{.name = std::string(name)};
  auto svc = OpenService(name, SERVICE_QUERY_STATUS | SERVICE_QUERY_CONFIG);
  if (!svc.ok()) {
    if (svc.status().code() == StatusCode::kNotFound) return out;  // absent
    return svc.status();
  }
  ScHandle guard(*svc);
  out.installed = true;
  SERVICE_STATUS_PROCESS status{};
  DWORD needed = 0;
  if (!QueryServiceStatusEx(*svc, SC_STATUS_PROCESS_INFO,
                            reinterpret_cast<BYTE*>(&status), sizeof status,
                            &needed)) {
    return ScmError("cannot query service", name);
  }
  out.state = StateName(status.dwCurrentState);
  QueryServiceConfigA(*svc, nullptr, 0, &needed);
  std::vector<BYTE> buf(std::max<DWORD>(needed, sizeof(QUERY_SERVICE_CONFIGA)));
  auto* config = reinterpret_cast<QUERY_SERVICE_CONFIGA*>(buf.data());
  if (!QueryServiceConfigA(*svc, config, static_cast<DWORD>(buf.size()),
                           &needed)) {
    return ScmError("cannot query the configuration of service", name);
  }
  out.start_type = StartTypeName(config->dwStartType);
  return out;
}

Status WindowsServiceManager::Disable(std::string_view name) {
  AMTSCOPE_ASSIGN_OR_RETURN(SC_HANDLE svc,
                            OpenService(name, SERVICE_CHANGE_CONFIG));
  ScHandle guard(svc);
  if (!ChangeServiceConfigA(svc, SERVICE_NO_CHANGE, SERVICE_DISABLED,
                            SERVICE_NO_CHANGE, nullptr, nullptr, nullptr,
                            nullptr, nullptr, nullptr, nullptr)) {
    return ScmError("cannot disable service", name);
  }
  return Status::Ok();
}

Status WindowsServiceManager::Stop(std::string_view name) {
  AMTSCOPE_ASSIGN_OR_RETURN(
      SC_HANDLE svc, OpenService(name, SERVICE_STOP | SERVICE_QUERY_STATUS));
  ScHandle guard(svc);
  SERVICE_STATUS status{};
  if (!ControlService(svc, SERVICE_CONTROL_STOP, &status) &&
      GetLastError() != ERROR_SERVICE_NOT_ACTIVE) {
    return ScmError("cannot stop service", name);
  }
  // Bounded wait (30 s) for STOPPED, as sc stop's callers poll.
  for (int i = 0; i < 120 && status.dwCurrentState != SERVICE_STOPPED; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    if (!QueryServiceStatus(svc, &status))
      return ScmError("cannot query service", name);
  }
  if (status.dwCurrentState != SERVICE_STOPPED) {
    return Status::DeadlineExceeded(
        fmt::format("service {} did not stop within 30 s", name),
        "it is set to disabled; reboot to stop it");
  }
  return Status::Ok();
}

Result<std::vector<std::uint8_t>> ReadRawSmbios() {
  constexpr DWORD kRsmb = 'R' << 24 | 'S' << 16 | 'M' << 8 | 'B';
  UINT size = GetSystemFirmwareTable(kRsmb, 0, nullptr, 0);
  if (size == 0) {
    return Status::Unavailable(fmt::format(
        "GetSystemFirmwareTable('RSMB'): Windows error {}", GetLastError()));
  }
  std::vector<std::uint8_t> buf(size);
  UINT got = GetSystemFirmwareTable(kRsmb, 0, buf.data(), size);
  if (got == 0 || got > size) {
    return Status::Unavailable(fmt::format(
        "GetSystemFirmwareTable('RSMB'): Windows error {}", GetLastError()));
  }
  buf.resize(got);
  return buf;
}

bool IsElevated() {
  HANDLE token = nullptr;
  if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token)) return false;
  TOKEN_ELEVATION elevation{};
  DWORD size = 0;
  BOOL ok = GetTokenInformation(token, TokenElevation, &elevation,
                                sizeof elevation, &size);
  CloseHandle(token);
  return ok && elevation.TokenIsElevated != 0;
}

std::string ComputerName() {
  char name[MAX_COMPUTERNAME_LENGTH + 1] = {};
  DWORD size = sizeof name;
  return GetComputerNameA(name, &size) ? std::string(name, size)
                                       : std::string();
}

bool StdinIsTerminal() { return _isatty(_fileno(stdin)) != 0; }

}  // namespace amtscope
