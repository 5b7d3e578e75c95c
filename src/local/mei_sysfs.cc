#include "local/mei_sysfs.h"

#include <fmt/format.h>

namespace amtscope {

namespace {

constexpr std::string_view kMeiClass = "sys/class/mei";

// Picks the ME device: a "mei" kind (not itouch/gsc, §1.1 `kind`), lowest N.
std::string PickDevice(const FileSystem& fs,
                       const std::vector<std::string>& names) {
  std::string fallback;
  for (const std::string& name : names) {
    if (!name.starts_with("mei")) continue;
    auto kind = fs.ReadFile(fmt::format("{}/{}/kind", kMeiClass, name), 64);
    if (!kind.ok() || TrimValue(*kind) == "mei") return name;
    if (fallback.empty()) fallback = name;
  }
  return fallback;
}

bool IsIntelFunction(const FileSystem& fs, std::string_view bdf) {
  auto vendor =
      fs.ReadFile(fmt::format("sys/bus/pci/devices/{}/vendor", bdf), 64);
  return vendor.ok() && TrimValue(*vendor) == "0x8086";
}

}  // namespace

std::optional<FirmwareVersion> ParseFwVer(std::string_view text,
                                          std::vector<std::string>* notes) {
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = TrimValue(text.substr(0, nl));
    text =
        nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (line.empty()) continue;
    std::size_t colon = line.find(':');
    auto parsed = FirmwareVersion::Parse(
        colon == std::string_view::npos ? line : line.substr(colon + 1));
    if (!parsed.ok() || !parsed->known() || colon == std::string_view::npos) {
      if (notes)
        notes->push_back(
            fmt::format("fw_ver line \"{}\" is malformed", line.substr(0, 40)));
      continue;
    }
    if (parsed->major() == 0 && parsed->minor() == 0 && parsed->hotfix() == 0) {
      continue;  // an unfilled block (§1.1 [inference])
    }
    return *parsed;
  }
  return std::nullopt;
}

MeiSysfsFacts ReadMeiSysfs(const FileSystem& fs) {
  MeiSysfsFacts out;
  out.pci_mei_function = IsIntelFunction(fs, "0000:00:16.0");
  out.pci_sol_function = IsIntelFunction(fs, "0000:00:16.3");
  auto names = fs.ListDir(kMeiClass);
  if (!names.ok()) return out;
  out.class_present = true;
  out.device = PickDevice(fs, *names);
  if (out.device.empty()) return out;
  const std::string dir = fmt::format("{}/{}", kMeiClass, out.device);
  if (auto text = fs.ReadFile(dir + "/fw_ver", 4096); text.ok()) {
    out.version = ParseFwVer(*text, &out.notes);
    if (out.version) out.version_source = fs.Display(dir + "/fw_ver");
  }
  if (auto text = fs.ReadFile(dir + "/fw_status", 4096); text.ok()) {
    auto parsed = ParseFwStatus(*text);
    if (parsed.ok() && !parsed->registers.empty()) {
      out.hfsts = std::move(parsed).value();
      out.hfsts_source = fs.Display(dir + "/fw_status");
    } else if (!parsed.ok()) {
      out.notes.push_back(parsed.status().message());
    }
  }
  if (auto text = fs.ReadFile(dir + "/dev_state", 256); text.ok()) {
    out.dev_state = std::string(TrimValue(*text));
  }
  return out;
}

}  // namespace amtscope
