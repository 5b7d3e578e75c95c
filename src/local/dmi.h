// DMI: which machine this is, for matching vendor fix lists
// (docs/local-detection.md §5).
#ifndef AMTSCOPE_LOCAL_DMI_H_
#define AMTSCOPE_LOCAL_DMI_H_

#include <string>
#include <string_view>

#include "local/file_system.h"

namespace amtscope {

/// Machine identity from /sys/class/dmi/id; "" for absent or junk values.
struct DmiFacts {
  std::string sys_vendor;
  std::string product_name;
  std::string product_version;
  std::string product_family;
  std::string product_sku;
  std::string board_vendor;
  std::string board_name;
  std::string bios_vendor;
  std::string bios_version;
  std::string bios_date;
  /// The vendor as the user knows it (sys_vendor, else board_vendor).
  std::string vendor;
  /// The marketing model: product_version on Lenovo (product_name is the
  /// machine type there), board_name on Intel boards, else product_name.
  std::string model;
};

/// True for placeholder strings firmware leaves in DMI ("To be filled by
/// O.E.M.", "Default string", "System Product Name", "0123456789", ...).
bool IsJunkDmiValue(std::string_view value);

/// Where a tree keeps the raw SMBIOS structure table (Linux sysfs; a
/// Windows capture writes its sanitised RSMB table there too).
inline constexpr std::string_view kDmiTablePath = "sys/firmware/dmi/tables/DMI";

/// A DMI string as check uses it: printable ASCII only, trimmed, terminal
/// escapes removed; "" for junk values.
std::string CleanDmiValue(std::string_view raw);

/// Sets vendor and model from the other fields (rules above).
void DeriveVendorModel(DmiFacts* d);

/// Reads the DMI attributes that identify a model; never reads serial
/// numbers or UUIDs (root-only and not needed).
DmiFacts ReadDmi(const FileSystem& fs);

}  // namespace amtscope

#endif  // AMTSCOPE_LOCAL_DMI_H_
