// --capture DIR: writes the files `amtscope check` reads from the live
// system into a tree that `--root DIR` reads back — never serial numbers,
// UUIDs or asset tags, and only AMT-port lines of /proc/net/tcp (plus the
// comm and socket fd links of the processes listening there).
#ifndef AMTSCOPE_LOCAL_CAPTURE_H_
#define AMTSCOPE_LOCAL_CAPTURE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "local/file_system.h"
#include "local/local_web.h"
#include "local/mei_transport.h"

namespace amtscope {

/// True for DMI attributes a capture must never copy (serials, UUIDs,
/// asset tags; docs/local-detection.md §5: the root-only ones and their kin).
bool IsPrivateDmiAttribute(std::string_view name);

/// Keeps the header line and the LISTEN lines on AMT ports.
std::string FilterProcNetTcp(std::string_view text, bool ipv6);

/// What a Windows capture adds (docs/windows.md §5): the sanitised SMBIOS
/// table (written to sys/firmware/dmi/tables/DMI) and the service states
/// (amtscope-services.txt). Empty on Linux.
struct CaptureExtras {
  std::vector<std::uint8_t> smbios;  // already sanitised (smbios.h)
  std::string services;              // FormatServicesCapture text
};

/// Copies from `live` into `out_dir` (created; must be empty or absent).
/// `mei` (may be null) is queried through a recorder into amtscope-mei.txt;
/// `web` (may be null) is probed into amtscope-web.txt. Returns the paths
/// written, relative to out_dir.
Result<std::vector<std::string>> CaptureTree(const FileSystem& live,
                                             const std::string& out_dir,
                                             MeiTransport* mei, WebProbe* web,
                                             const CaptureExtras& extras = {});

}  // namespace amtscope

#endif  // AMTSCOPE_LOCAL_CAPTURE_H_
