#include "local/dmi.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/strings.h"
#include "local/smbios.h"

namespace amtscope {

namespace {

// Keeps printable ASCII only; DMI strings are ASCII and a captured tree may
// carry anything. Terminal escape sequences (ESC [ ... final byte) go whole,
// so "HP\x1b[31m" becomes "HP", not "HP[31m".
std::string Clean(std::string_view raw) {
  std::string_view in = TrimValue(raw);
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == 0x1b && i + 1 < in.size() && in[i + 1] == '[') {
      for (i += 2; i < in.size() && (in[i] < 0x40 || in[i] > 0x7e); ++i) {
      }
      continue;
    }
    if (c >= 0x20 && c < 0x7F) out += c;
  }
  return std::string(TrimValue(out));
}

std::string ReadAttr(const FileSystem& fs, std::string_view name) {
  auto text = fs.ReadFile("sys/class/dmi/id/" + std::string(name), 1024);
  if (!text.ok()) return {};
  return CleanDmiValue(*text);
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() &&
         Lower(s.substr(0, prefix.size())) == prefix;
}

}  // namespace

bool IsJunkDmiValue(std::string_view value) {
  // systemd hwdb.d/20-dmi-id.hwdb list (docs/local-detection.md §5) plus
  // common fillers.
  static constexpr std::array<std::string_view, 18> kJunk = {
      "default string",
      "n/a",
      "na",
      "o.e.m.",
      "oem",
      "system manufacturer",
      "system product name",
      "system version",
      "to be filled by o.e.m.",
      "not applicable",
      "not specified",
      "none",
      "unknown",
      "0123456789",
      "1234567890",
      "xxxxx",
      "type1productconfigid",
      "sku"};
  std::string v = Lower(TrimValue(value));
  if (v.empty()) return true;
  if (std::all_of(v.begin(), v.end(), [](char c) {
        return c == ' ' || c == '.' || c == '0' || c == '-';
      }))
    return true;
  return std::find(kJunk.begin(), kJunk.end(), v) != kJunk.end();
}

std::string CleanDmiValue(std::string_view raw) {
  std::string value = Clean(raw);
  return IsJunkDmiValue(value) ? std::string() : value;
}

void DeriveVendorModel(DmiFacts* d) {
  d->vendor = !d->sys_vendor.empty() ? d->sys_vendor : d->board_vendor;
  const bool lenovo = StartsWithNoCase(d->vendor, "lenovo");
  if (lenovo && !d->product_version.empty()) {
    d->model = d->product_version;  // §5: Lenovo's marketing name
  } else if (lenovo && !d->product_family.empty()) {
    d->model = d->product_family;
  } else if (!d->product_name.empty()) {
    d->model = d->product_name;
  } else {
    d->model = d->board_name;  // Intel NUC / desktop boards (§5)
  }
}

DmiFacts ReadDmi(const FileSystem& fs) {
  // The raw table first (root-only on a live Linux machine; what a Windows
  // capture holds), then the kernel's sysfs strings (docs/windows.md §3).
  if (auto table = fs.ReadFile(kDmiTablePath, kMaxSmbiosTable); table.ok()) {
    std::vector<SmbiosStructure> partial;
    auto parsed = ParseSmbiosTable(
        std::span(reinterpret_cast<const std::uint8_t*>(table->data()),
                  table->size()),
        &partial);
    DmiFacts d = DmiFromSmbios(parsed.ok() ? *parsed : partial);
    if (!d.vendor.empty() || !d.model.empty()) return d;
  }
  DmiFacts d;
  d.sys_vendor = ReadAttr(fs, "sys_vendor");
  d.product_name = ReadAttr(fs, "product_name");
  d.product_version = ReadAttr(fs, "product_version");
  d.product_family = ReadAttr(fs, "product_family");
  d.product_sku = ReadAttr(fs, "product_sku");
  d.board_vendor = ReadAttr(fs, "board_vendor");
  d.board_name = ReadAttr(fs, "board_name");
  d.bios_vendor = ReadAttr(fs, "bios_vendor");
  d.bios_version = ReadAttr(fs, "bios_version");
  d.bios_date = ReadAttr(fs, "bios_date");
  DeriveVendorModel(&d);
  return d;
}

}  // namespace amtscope
