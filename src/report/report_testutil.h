// Fixed findings shared by the report tests.
#ifndef AMTSCOPE_REPORT_REPORT_TESTUTIL_H_
#define AMTSCOPE_REPORT_REPORT_TESTUTIL_H_

#include <string>
#include <vector>

#include "report/output_writer.h"

namespace amtscope::testing {

/// 2026-11-25T01:00:00Z plus `seconds`.
std::chrono::system_clock::time_point FixedTime(int seconds);
/// A vulnerable AMT (bypass), a patched TLS AMT, an unknown bare AMT, a
/// non-AMT web server with a hostile Server header, on three hosts.
std::vector<Finding> SampleFindings();
ScanInfo SampleInfo();
RunStats SampleStats(bool interrupted = false);
/// Runs Begin, Record for each finding, End; returns what was written.
std::string RunWriter(std::string_view format,
                      const std::vector<Finding>& findings,
                      bool interrupted = false, WriterOptions options = {});
/// Writes `text` to a temp file and runs `python3 -c script file`; returns
/// the exit status (0 = the script accepted the file) and its stdout.
std::pair<int, std::string> RunPython(const std::string& script,
                                      const std::string& text);

}  // namespace amtscope::testing

#endif  // AMTSCOPE_REPORT_REPORT_TESTUTIL_H_
