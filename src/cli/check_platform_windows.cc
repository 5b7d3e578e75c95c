// check on Windows: the MEI driver through SetupAPI, an elevated token, the
// SMBIOS table and the Service Control Manager (docs/windows.md). No
// inventory in this build.
#include <fmt/format.h>

#include <string>

#include "cli/check_platform.h"
#include "local/file_system.h"
#include "local/services.h"
#include "local/smbios.h"
#include "local/windows_mei.h"
#include "local/windows_system.h"

namespace amtscope::cli {

std::unique_ptr<FileSystem> LiveFileSystem() {
  return std::make_unique<EmptyFileSystem>();
}

LiveMachine OpenLiveMachine(const std::string& device) {
  LiveMachine m;
  m.windows = true;
  m.mei = std::make_unique<WindowsMei>(device);
  m.mei_source = MeiDeviceName(device);
  m.elevated = IsElevated();
  if (auto raw = ReadRawSmbios(); raw.ok()) {
    m.smbios = std::move(*raw);
    if (auto table = RawSmbiosTable(m.smbios); table.ok()) {
      std::vector<SmbiosStructure> partial;
      auto parsed = ParseSmbiosTable(*table, &partial);
      m.dmi = DmiFromSmbios(parsed.ok() ? *parsed : partial);
      if (!parsed.ok()) m.notes.push_back(parsed.status().message());
    } else {
      m.notes.push_back(table.status().message());
    }
  } else {
    m.notes.push_back(raw.status().message());
  }
  WindowsServiceManager scm;
  m.services = QueryAmtServices(scm);
  return m;
}

std::string MeiDeviceName(const std::string& device) {
  return device.empty() ? "the Intel MEI driver (HECI device interface)"
                        : device;
}

std::string HostName() { return ComputerName(); }

bool StdinIsTerminal() { return amtscope::StdinIsTerminal(); }

std::string DisableLmsPlan() { return DisableLmsServicePlan(); }

Status DisableLmsNow() {
  WindowsServiceManager scm;
  return DisableLmsService(scm);
}

std::string ElevationHint() {
  return "run amtscope in an elevated prompt (Run as administrator) on the "
         "machine itself";
}

Status RecordCheckPlatform(const std::string& /*db*/, bool explicit_db,
                           const std::string& /*root*/,
                           const std::string& /*site*/,
                           const CommandContext& /*ctx*/,
                           const nlohmann::json& /*report*/) {
  if (!explicit_db) return Status::Ok();  // nothing to record into
  return Status::InvalidArgument(
      "--db: the inventory is not available on Windows",
      "drop --db, or import the --json output on Linux (amtscope inventory "
      "import)");
}

}  // namespace amtscope::cli
