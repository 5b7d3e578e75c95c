// AdvisoryDb: the one place that knows which firmware each advisory affects.
#ifndef AMTSCOPE_ADVISORY_ADVISORY_DB_H_
#define AMTSCOPE_ADVISORY_ADVISORY_DB_H_

#include <string>
#include <string_view>
#include <vector>

#include "advisory/advisory.h"
#include "advisory/verdict.h"
#include "core/result.h"

namespace amtscope {

/// An immutable set of advisories loaded from JSON (embedded or a file).
/// Thread-safe after construction.
class AdvisoryDb {
 public:
  /// The database compiled into the binary (data/advisories.json).
  static Result<AdvisoryDb> Embedded();
  /// Parses a database; Corruption with a hint on any schema error.
  static Result<AdvisoryDb> FromJson(std::string_view json);
  /// Reads and parses `path`; Embedded() when `path` is empty.
  static Result<AdvisoryDb> Load(const std::string& path);

  const std::vector<Advisory>& advisories() const { return advisories_; }
  /// The advisory with this id (case-insensitive; "SA-00075" and "00075"
  /// also match), or nullptr.
  const Advisory* Find(std::string_view id) const;

  /// One verdict per advisory, in database order.
  std::vector<AdvisoryVerdict> Evaluate(const DeviceFacts& facts) const;
  /// The verdict for one advisory.
  AdvisoryVerdict Evaluate(const Advisory& advisory,
                           const DeviceFacts& facts) const;

 private:
  std::vector<Advisory> advisories_;
};

}  // namespace amtscope

#endif  // AMTSCOPE_ADVISORY_ADVISORY_DB_H_
