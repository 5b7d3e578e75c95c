// OutputWriter: the sink a scan streams its findings into, and the run
// records around them. The formats (table, ndjson, csv, xml, gnmap) live in
// report/; the scan engine sees only this interface, so scan/ and report/
// do not depend on each other (docs/design.md, "Layers").
//
// Protocol: Begin(info) once, Record(finding) per open port, End(stats)
// always, also on SIGINT/SIGTERM (stats.interrupted), so an xml document is
// closed and a table summary printed.
#ifndef AMTSCOPE_MODEL_OUTPUT_WRITER_H_
#define AMTSCOPE_MODEL_OUTPUT_WRITER_H_

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/option_table.h"
#include "core/status.h"
#include "model/finding.h"

namespace amtscope {

/// What the scan was asked to do (for headers: nmap XML <nmaprun args=...>).
struct ScanInfo {
  std::string command_line;  // as typed, every option, for the record
  std::vector<uint16_t> ports;
  uint64_t target_count = 0;  // addresses in scope
  std::chrono::system_clock::time_point start;
  std::string scan_type = "connect";  // how ports were found: syn | connect
  uint64_t seed = 0;                  // scan order seed (0 = not recorded)
  std::vector<uint16_t> udp_ports;    // the RMCP ping's (issue 15)
};

/// Totals at the end of a run.
struct RunStats {
  uint64_t targets_done = 0;  // address:port pairs fully probed
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
  /// Writes the header of a run (nothing for formats without one).
  virtual Status Begin(const ScanInfo& info) = 0;
  /// Writes one open port.
  virtual Status Record(const Finding& finding) = 0;
  /// Writes the totals and closes the document.
  virtual Status End(const RunStats& stats) = 0;
};

/// The output formats a scan can write (report/ implements each).
enum class OutputFormat { kTable, kNdjson, kCsv, kXml, kGnmap };

/// The one names table of OutputFormat: "table", "ndjson", "csv", "xml",
/// "gnmap", in that order (parsing, printing and help use it).
std::span<const EnumName<OutputFormat>> OutputFormatNames();

/// The name of `format` ("xml").
std::string_view OutputFormatName(OutputFormat format);

/// The names of OutputFormatNames() alone, in the same order.
const std::vector<std::string_view>& OutputFormats();

}  // namespace amtscope

#endif  // AMTSCOPE_MODEL_OUTPUT_WRITER_H_
