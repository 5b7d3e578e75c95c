// The Windows system calls check needs besides the MEI driver: the Service
// Control Manager, the SMBIOS table and the token's elevation
// (docs/windows.md). Implemented in windows_system.cc, built only on Windows.
#ifndef AMTSCOPE_LOCAL_WINDOWS_SYSTEM_H_
#define AMTSCOPE_LOCAL_WINDOWS_SYSTEM_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "local/services.h"

namespace amtscope {

/// ServiceManager over OpenSCManager/OpenService: QueryServiceStatusEx,
/// QueryServiceConfig, ChangeServiceConfig, ControlService.
class WindowsServiceManager : public ServiceManager {
 public:
  Result<ServiceFacts> Query(std::string_view name) override;
  Status Disable(std::string_view name) override;
  Status Stop(std::string_view name) override;
};

/// GetSystemFirmwareTable('RSMB', 0): the RawSMBIOSData (8-byte header,
/// then the structure table; smbios.h RawSmbiosTable).
Result<std::vector<std::uint8_t>> ReadRawSmbios();

/// True when the process token is elevated (Administrator).
bool IsElevated();

/// The computer's NetBIOS name ("" when unknown).
std::string ComputerName();

/// True when stdin is a console or terminal (the confirmation prompt).
bool StdinIsTerminal();

}  // namespace amtscope

#endif  // AMTSCOPE_LOCAL_WINDOWS_SYSTEM_H_
