// VendorDb: which vendor update (ME build, BIOS, date, link) fixes which model.
#ifndef AMTSCOPE_ADVISORY_VENDOR_DB_H_
#define AMTSCOPE_ADVISORY_VENDOR_DB_H_

#include <nlohmann/json.hpp>
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
  std::string group;  // vendor's shared config group ("HP EliteBook 8xx G3")
  std::string notes;  // caveats (e.g. what the date means)
  std::string covers_prefix;  // row covers every model starting with this
                              // ("PowerEdge"); "" for one model
};

/// The answer to "what fixes this machine?".
struct VendorLookup {
  std::string vendor;  // canonical vendor, "" when unknown
  bool vendor_known = false;
  bool model_known = false;
  std::vector<VendorFix> fixes;  // empty when the model is unknown
  std::string advisory_url;      // the vendor's advisory page, "" if none
  std::vector<std::string> advisory_urls;  // every advisory page known
  std::string match;                       // "exact", "partial", "prefix" or ""
  std::vector<std::string> suggestions;    // close model names when unknown
};

/// The row for `advisory` (e.g. the SA-00075 fix), or nullptr.
const VendorFix* FixFor(const VendorLookup& lookup, std::string_view advisory);
/// The newest row that names an ME build (by date), or nullptr.
const VendorFix* LatestMeFix(const VendorLookup& lookup);
/// The row as a JSON object (every field).
/// "HP EliteBook 850 G3" for ("HP", "HP EliteBook 850 G3"): the vendor is
/// prefixed only when the model does not already start with it.
std::string VendorModelName(std::string_view vendor, std::string_view model);

nlohmann::json ToJson(const VendorFix& fix);
/// The whole answer as a JSON object.
nlohmann::json ToJson(const VendorLookup& lookup);

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

  /// Every row, in file order.
  const std::vector<VendorFix>& fixes() const { return fixes_; }
  /// Canonical vendor names, in file order.
  std::vector<std::string> vendors() const;
  /// The canonical name for `name` ("Hewlett-Packard" -> "HP"), or "".
  std::string CanonicalVendor(std::string_view name) const;

 private:
  struct VendorInfo {
    std::string name;
    std::vector<std::string> aliases;  // normalized
    std::vector<std::string> related;  // vendors whose models also apply
  };
  std::vector<VendorInfo> vendors_;
  std::vector<VendorFix> fixes_;
  std::vector<std::pair<std::string, std::string>>
      advisory_urls_;  // vendor, url
};

}  // namespace amtscope

#endif  // AMTSCOPE_ADVISORY_VENDOR_DB_H_
