// OutputWriter: one class per output format (table, ndjson, csv, xml).
#ifndef AMTSCOPE_REPORT_OUTPUT_WRITER_H_
#define AMTSCOPE_REPORT_OUTPUT_WRITER_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "scan/finding.h"

namespace amtscope {

/// What the scan was asked to do (for headers: nmap XML <nmaprun args=...>).
struct ScanInfo {
  std::string command_line;                      // as typed, for the record
  std::vector<uint16_t> ports;
  uint64_t target_count = 0;                     // addresses in scope
  std::chrono::system_clock::time_point start;
};

/// Totals at the end of a run.
struct RunStats {
  uint64_t targets_done = 0;     // addresses fully probed
  uint64_t open_ports = 0;
  uint64_t amt_found = 0;
  uint64_t vulnerable = 0;
  bool interrupted = false;
  std::chrono::system_clock::time_point end;
};

/// Streams findings in one format. Record() may be called from one thread
/// at a time; writers flush per record so an interrupted scan keeps its data.
class OutputWriter {
 public:
  virtual ~OutputWriter() = default;
  virtual Status Begin(const ScanInfo& info) = 0;
  virtual Status Record(const Finding& finding) = 0;
  virtual Status End(const RunStats& stats) = 0;
};

/// The writer for `format` ("table", "ndjson", "csv", "xml") writing to `out`
/// (which must outlive it); InvalidArgument naming the formats otherwise.
Result<std::unique_ptr<OutputWriter>> MakeOutputWriter(std::string_view format,
                                                       std::ostream& out);

}  // namespace amtscope

#endif  // AMTSCOPE_REPORT_OUTPUT_WRITER_H_
