// What the MEI driver's sysfs attributes tell any user: ME version (fw_ver),
// status registers (fw_status) and device state (docs/local-detection.md §1.1).
#ifndef AMTSCOPE_LOCAL_MEI_SYSFS_H_
#define AMTSCOPE_LOCAL_MEI_SYSFS_H_

#include <optional>
#include <string>
#include <vector>

#include "core/firmware_version.h"
#include "local/file_system.h"
#include "local/hfsts.h"

namespace amtscope {

/// Unprivileged MEI facts from /sys/class/mei and PCI 00:16.x.
struct MeiSysfsFacts {
  bool class_present = false;              // /sys/class/mei exists
  std::string device;                      // "mei0", "" when none
  std::optional<FirmwareVersion> version;  // first non-zero fw_ver block
  std::string version_source;              // "/sys/class/mei/mei0/fw_ver"
  std::optional<Hfsts> hfsts;
  std::string hfsts_source;        // "/sys/class/mei/mei0/fw_status"
  std::string dev_state;           // "ENABLED", "" when absent
  bool pci_mei_function = false;   // 0000:00:16.0 is an Intel device
  bool pci_sol_function = false;   // 0000:00:16.3 (AMT serial-over-LAN)
  std::vector<std::string> notes;  // malformed/unreadable files, for the report
};

/// Parses fw_ver text ("platform:major.minor.hotfix.build" per line); returns
/// the first block that is not all zeros (PCH6 and failed queries print
/// "0:0.0.0.0"), or nullopt. Malformed lines are reported in `notes`.
std::optional<FirmwareVersion> ParseFwVer(std::string_view text,
                                          std::vector<std::string>* notes);

/// Reads the MEI sysfs facts; never fails: problems end up in `notes`.
MeiSysfsFacts ReadMeiSysfs(const FileSystem& fs);

}  // namespace amtscope

#endif  // AMTSCOPE_LOCAL_MEI_SYSFS_H_
