// Where a scan's results go: the main output (--format / -o, stdout by
// default) plus nmap-style files (-oN/-oX/-oG/-oJ/-oA), each in its own
// format, all written in one run.
#ifndef AMTSCOPE_SCAN_OUTPUT_PLAN_H_
#define AMTSCOPE_SCAN_OUTPUT_PLAN_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "scan/scan_options.h"

namespace amtscope {

/// One destination of results: a writer format and a file ("" = stdout).
struct OutputTarget {
  OutputFormat format = OutputFormat::kTable;
  std::string path;  // "" = stdout
  bool operator==(const OutputTarget&) const = default;
};

/// The format a file name implies: .xml xml; .ndjson, .jsonl, .json ndjson;
/// .csv csv; .gnmap gnmap; anything else table.
OutputFormat FormatForPath(std::string_view path);

/// Every destination of a scan, main output first. InvalidArgument (with a
/// hint) when two go to stdout, one file is named twice, or -oA is "-".
Result<std::vector<OutputTarget>> PlanOutputs(const ScanOptions& options);

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_OUTPUT_PLAN_H_
