// FirmwareVersion: an Intel ME/AMT firmware version as reported by any source.
#ifndef AMTSCOPE_CORE_FIRMWARE_VERSION_H_
#define AMTSCOPE_CORE_FIRMWARE_VERSION_H_

#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace amtscope {

/// How two versions relate. Versions are only ordered within a line; a
/// missing build number makes "same first three parts" undecidable, because
/// Intel fixed SA-00075 by build number alone (docs/protocol.md
/// §3.3: 8.1.71 is both vulnerable 8.1.71.1xxx and fixed 8.1.71.3608).
enum class VersionOrder { kLess, kEqual, kGreater, kAmbiguous, kUnknown };

/// major.minor.hotfix[.build], possibly with only some parts known.
///
/// Accepted forms: "8.1.40", "11.0.25.3001", "9.5.35-build 1862" (web UI
/// footer), "0:11.8.50.3425" (sysfs fw_ver), "9.1" (redirection reply), and
/// "" or "AMT" (a bare Server header: firmware present, version unknown).
class FirmwareVersion {
 public:
  /// A version about which nothing is known (bare "AMT").
  FirmwareVersion() = default;
  /// A fully specified version; pass build = std::nullopt for 3 parts.
  FirmwareVersion(int major, int minor, int hotfix,
                  std::optional<int> build = std::nullopt);

  /// Parses any of the forms above; fails with a hint on anything else.
  static Result<FirmwareVersion> Parse(std::string_view text);

  /// False for the bare "AMT" form.
  bool known() const { return parts_ > 0; }
  /// Number of numeric parts present (0, 2, 3 or 4).
  int parts() const { return parts_; }
  bool has_build() const { return parts_ == 4; }
  int major() const { return major_; }
  int minor() const { return minor_; }
  int hotfix() const { return hotfix_; }
  /// REQUIRES: has_build().
  int build() const { return build_; }

  /// True when both belong to the same major.minor line (e.g. 11.8).
  bool SameLine(const FirmwareVersion& other) const;
  /// Orders this version against `other`, saying kAmbiguous when the parts
  /// both have agree and the build number (missing on one side) decides.
  VersionOrder Compare(const FirmwareVersion& other) const;
  /// "8.1.71.3608", "8.1.40", "9.1", or "" when unknown.
  std::string ToString() const;

  bool operator==(const FirmwareVersion& other) const = default;

 private:
  int parts_ = 0;
  int major_ = 0;
  int minor_ = 0;
  int hotfix_ = 0;
  int build_ = 0;
};

/// Short name for printing a VersionOrder ("less", "ambiguous", ...).
std::string_view ToString(VersionOrder order);

}  // namespace amtscope

#endif  // AMTSCOPE_CORE_FIRMWARE_VERSION_H_
