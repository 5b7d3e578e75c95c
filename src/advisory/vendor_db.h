// VendorDb: which vendor update (ME build, BIOS, date, link) fixes which model.
#ifndef AMTSCOPE_ADVISORY_VENDOR_DB_H_
#define AMTSCOPE_ADVISORY_VENDOR_DB_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace amtscope {

/// One vendor row: a model's fix for one advisory.
struct VendorFix {
  std::string vendor;        // canonical: "HP", "Dell", "Lenovo", "Fujitsu"
  std::string model;         // as the vendor names it
  std::string advisory;      // "INTEL-SA-00075"
  std::string me_version;    // fixed ME firmware build, "" when not given
  std::string bios_version;  // fixed BIOS, "" when not given
  std::string date;          // release date as given
  std::string url;           // download (SoftPaq, BIOS page)
  std::string status;        // "fixed", "not affected", "no fix scheduled"...
  std::string source;        // where this row comes from
};

/// The answer to "what fixes this machine?".
struct VendorLookup {
  std::string vendor;             // canonical vendor, "" when unknown
  bool vendor_known = false;
  bool model_known = false;
  std::vector<VendorFix> fixes;   // empty when the model is unknown
  std::string advisory_url;       // the vendor's advisory page, "" if none
};

/// Immutable after load; thread-safe.
class VendorDb {
 public:
  /// The database compiled into the binary (data/vendors.json).
  static Result<VendorDb> Embedded();
  static Result<VendorDb> FromJson(std::string_view json);
  /// Reads `path`; Embedded() when `path` is empty.
  static Result<VendorDb> Load(const std::string& path);

  /// Matches tolerantly: case, "HP"/"Hewlett-Packard"/"HP Inc.", a model
  /// given with or without the vendor prefix, surrounding spaces.
  VendorLookup Lookup(std::string_view vendor, std::string_view model) const;

 private:
  std::vector<VendorFix> fixes_;
  std::vector<std::pair<std::string, std::string>> advisory_urls_;  // vendor, url
};

}  // namespace amtscope

#endif  // AMTSCOPE_ADVISORY_VENDOR_DB_H_
