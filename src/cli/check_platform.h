// What `amtscope check` does differently per OS: the live MEI transport,
// privileges, the LMS switch and the inventory (check_platform_linux.cc,
// check_platform_windows.cc; docs/windows.md). Everything else in
// check_command.cc is shared, so a captured tree gives the same verdicts on
// both systems.
#ifndef AMTSCOPE_CLI_CHECK_PLATFORM_H_
#define AMTSCOPE_CLI_CHECK_PLATFORM_H_

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "local/dmi.h"
#include "local/file_system.h"
#include "local/lms.h"
#include "local/mei_transport.h"

namespace amtscope::cli {

/// The live machine's facts beyond its file system.
struct LiveMachine {
  std::unique_ptr<MeiTransport> mei;  // never null
  std::string mei_source;             // "/dev/mei0", "Intel MEI driver"
  bool elevated = false;              // root / an elevated token
  bool windows = false;
  std::optional<DmiFacts> dmi;         // Windows: from the SMBIOS table
  std::vector<ServiceFacts> services;  // Windows: LMS and UNS from the SCM
  std::vector<std::uint8_t> smbios;    // Windows: the raw table (capture)
  std::vector<std::string> notes;      // why a source was unavailable
};

/// The live machine's file system for sys/, proc/, etc/: "/" on Linux;
/// nothing on Windows (C:\sys\... is anyone's to create, and wine's "/" is
/// the Linux host's: neither is this machine's ME).
std::unique_ptr<FileSystem> LiveFileSystem();

/// Opens the live machine's sources; `device` "" = the default MEI device.
LiveMachine OpenLiveMachine(const std::string& device);

/// The MEI device named in prompts ("/dev/mei0").
std::string MeiDeviceName(const std::string& device);

/// This machine's host name ("" when unknown).
std::string HostName();

/// True when stdin is a terminal (the confirmation prompt can ask).
bool StdinIsTerminal();

/// The --disable-lms action, for the confirmation prompt, and doing it.
std::string DisableLmsPlan();
Status DisableLmsNow();

/// The privileged way to run check here ("run as root on the machine
/// itself"), for error hints.
std::string ElevationHint();

/// Records one check in the inventory (Linux); on Windows Unavailable when
/// `explicit_db` (no inventory in that build), else Ok without recording.
Status RecordCheckPlatform(const std::string& db, bool explicit_db,
                           const std::string& root, const std::string& site,
                           const CommandContext& ctx,
                           const nlohmann::json& report);

}  // namespace amtscope::cli

#endif  // AMTSCOPE_CLI_CHECK_PLATFORM_H_
