// check on Linux: /dev/mei0, root, systemctl and the inventory.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <openssl/sha.h>
#include <unistd.h>

#include <string>

#include "cli/check_platform.h"
#include "core/strings.h"
#include "inventory/inventory.h"
#include "local/command_runner.h"
#include "local/file_system.h"
#include "local/linux_mei.h"

namespace amtscope::cli {

namespace {

// SHA-256 (hex) of the DMI product UUID, else /etc/machine-id: the
// machine's identity in the inventory, never the raw value.
std::string MachineIdentity(const std::string& root) {
  RealFileSystem fs(root.empty() ? "/" : root);
  for (const char* path : {"sys/class/dmi/id/product_uuid", "etc/machine-id"}) {
    auto text = fs.ReadFile(path, 4096);
    if (!text.ok()) continue;
    std::string id = Lower(Trim(*text));
    if (id.empty()) continue;
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(id.data()), id.size(),
           digest);
    std::string hex;
    for (unsigned char b : digest) hex += fmt::format("{:02x}", b);
    return hex;
  }
  return {};
}

// Stores this check as one scan with one machine (source "check").
Status RecordCheck(const std::string& db, const std::string& root,
                   const std::string& site, const CommandContext& ctx,
                   const nlohmann::json& report) {
  auto inv = OpenInventory(db.empty() ? DefaultInventoryPath() : db);
  if (!inv.ok()) return inv.status().WithContext("cannot open the inventory");
  ScanRecord scan;
  scan.start = std::chrono::system_clock::now();
  scan.command_line = ctx.command_line;
  scan.source = "check";
  scan.site = site;
  scan.scanner_host = report.value("hostname", nlohmann::json()).is_string()
                          ? report["hostname"].get<std::string>()
                          : "";
  AMTSCOPE_ASSIGN_OR_RETURN(int64_t id, (*inv)->BeginScan(scan));
  MachineRecord m;
  m.identity = MachineIdentity(root);
  m.time = scan.start;
  m.hostname = scan.scanner_host;
  m.vendor = report["machine"].value("vendor", nlohmann::json()).is_string()
                 ? report["machine"]["vendor"].get<std::string>()
                 : "";
  m.model = report["machine"].value("model", nlohmann::json()).is_string()
                ? report["machine"]["model"].get<std::string>()
                : "";
  m.me_version = report["me"]["version"].is_string()
                     ? report["me"]["version"].get<std::string>()
                     : "";
  m.sku = report["me"]["sku"].is_string()
              ? report["me"]["sku"].get<std::string>()
              : "";
  const auto& prov = report["amt"]["provisioned"];
  m.provisioning = prov.is_boolean()
                       ? (prov.get<bool>() ? "provisioned" : "unprovisioned")
                       : "";
  m.lms = report["lms"]["running"].is_boolean() &&
                  report["lms"]["running"].get<bool>()
              ? "running"
              : "";
  m.verdicts = report["advisories"].dump();
  m.report = report.dump();
  Status st = (*inv)->RecordMachine(id, m);
  RunStats stats;
  stats.end = std::chrono::system_clock::now();
  Status fin = (*inv)->FinishScan(
      id, st.ok() ? ScanStatus::kDone : ScanStatus::kFailed, stats);
  AMTSCOPE_RETURN_IF_ERROR(st);
  return fin;
}

}  // namespace

std::unique_ptr<FileSystem> LiveFileSystem() {
  return std::make_unique<RealFileSystem>("/");
}

LiveMachine OpenLiveMachine(const std::string& device) {
  LiveMachine m;
  m.mei = std::make_unique<LinuxMei>(device);
  m.mei_source = MeiDeviceName(device);
  m.elevated = geteuid() == 0;
  return m;
}

std::string MeiDeviceName(const std::string& device) {
  return device.empty() ? "/dev/mei0" : device;
}

std::string HostName() {
  char host[256] = {};
  return gethostname(host, sizeof host - 1) == 0 ? std::string(host)
                                                 : std::string();
}

bool StdinIsTerminal() { return ::isatty(STDIN_FILENO) != 0; }

std::string DisableLmsPlan() {
  return fmt::format("{}", fmt::join(DisableLmsCommand(), " "));
}

Status DisableLmsNow() {
  RealCommandRunner runner;
  return DisableLms(runner);
}

std::string ElevationHint() { return "run as root on the machine itself"; }

Status RecordCheckPlatform(const std::string& db, bool /*explicit_db*/,
                           const std::string& root, const std::string& site,
                           const CommandContext& ctx,
                           const nlohmann::json& report) {
  return RecordCheck(db, root, site, ctx, report);
}

}  // namespace amtscope::cli
