// Rendering of `amtscope advisories` and `amtscope lookup` to strings, so the
// commands print only on success and the logic is testable without a process.
#ifndef AMTSCOPE_CLI_ADVISORIES_RENDER_H_
#define AMTSCOPE_CLI_ADVISORIES_RENDER_H_

#include <string>
#include <string_view>

#include "advisory/advisory_db.h"
#include "advisory/vendor_db.h"
#include "core/result.h"

namespace amtscope::cli {

/// `advisories list`: a table, or a JSON array of advisories.
std::string RenderAdvisoryList(const AdvisoryDb& db, bool json);
/// `advisories show ID`: NotFound (exit 2) for an unknown id.
Result<std::string> RenderAdvisoryShow(const AdvisoryDb& db,
                                       std::string_view id, bool json);

/// The inputs of `advisories match`, as typed by the user.
struct MatchQuery {
  std::string version;      // "8.1.40", "11.0.25.3001", "AMT"
  std::string sku;          // "" or amt|ism|sbt|consumer
  std::string provisioned;  // "" or yes|no
};
/// `advisories match`: InvalidArgument (exit 2) for bad input.
Result<std::string> RenderAdvisoryMatch(const AdvisoryDb& db,
                                        const MatchQuery& query, bool json);

/// The inputs of `lookup`.
struct LookupQuery {
  std::string vendor;
  std::string model;
  std::string advisory = "INTEL-SA-00075";  // whose fix to headline
};
/// `lookup`: the vendor rows for a model and the advisories they fix.
Result<std::string> RenderLookup(const AdvisoryDb& advisories,
                                 const VendorDb& vendors,
                                 const LookupQuery& query, bool json);

}  // namespace amtscope::cli

#endif  // AMTSCOPE_CLI_ADVISORIES_RENDER_H_
