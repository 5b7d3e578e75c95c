// Advisory <-> JSON (the schema is documented in data/README.md).
#ifndef AMTSCOPE_ADVISORY_ADVISORY_JSON_H_
#define AMTSCOPE_ADVISORY_ADVISORY_JSON_H_

#include <nlohmann/json.hpp>
#include <string>

#include "advisory/advisory.h"
#include "advisory/json_fields.h"
#include "advisory/verdict.h"
#include "core/result.h"

namespace amtscope {

/// Parses one advisory object found at JSON path `path`.
Result<Advisory> AdvisoryFromJson(const nlohmann::json& value,
                                  const std::string& path,
                                  const JsonSource& source);
/// The advisory in the same schema it was read from.
nlohmann::json ToJson(const Advisory& advisory);
/// {"id", "verdict", "reason"}.
nlohmann::json ToJson(const AdvisoryVerdict& verdict);

}  // namespace amtscope

#endif  // AMTSCOPE_ADVISORY_ADVISORY_JSON_H_
