// The output formats: one OutputWriter (model/output_writer.h) per format
// (table, ndjson, csv, xml, gnmap).
//
// Usage (scan command / engine):
//   std::ofstream file(path, append ? std::ios::app : std::ios::trunc);
//   AMTSCOPE_ASSIGN_OR_RETURN(auto writer, MakeOutputWriter(format, file,
//   {.append = append})); writer->Begin(info);  for each open port:
//   writer->Record(finding);  writer->End(stats);
// End must always be called, also on SIGINT/SIGTERM (stats.interrupted), so
// the xml document is closed and the table summary printed.
// Resumed scans append: call PrepareAppend(format, path) first; it says
// whether the file already holds results (then pass .append = true).
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
#include "model/output_writer.h"

namespace amtscope {

/// How a writer starts.
struct WriterOptions {
  /// Continue a file that already holds results of the same scan (resume):
  /// csv writes no header row, xml no document header (see PrepareAppend).
  bool append = false;
  /// Table only: colour `vulnerable` with ANSI escapes (stdout is a terminal
  /// and NO_COLOR is not set; the caller decides, report/ never probes).
  bool color = false;
  /// Table only: cut each line's NOTE with "…" to fit this many columns;
  /// 0 = no limit (a pipe or file gets every note whole).
  int width = 0;
  /// scan --reason: the table gets a REASON column (ReasonCode) before NOTE,
  /// XML puts ReasonCode in <state reason=...> (NDJSON/CSV always carry it).
  bool reason = false;
};

/// The writer for `format` (one of OutputFormats()) writing to `out`
/// (which must outlive it); InvalidArgument naming the formats otherwise.
Result<std::unique_ptr<OutputWriter>> MakeOutputWriter(
    std::string_view format, std::ostream& out, WriterOptions options = {});

/// A writer and the name of its destination for errors ("out.xml", "stdout").
struct NamedWriter {
  std::string name;
  std::unique_ptr<OutputWriter> writer;
};

/// Forwards every call to each writer in order (one run, several formats).
/// A failure is returned as IoError "cannot write NAME" with a hint; the
/// other writers still get every call.
std::unique_ptr<OutputWriter> MakeTeeWriter(std::vector<NamedWriter> writers);

/// Readies `path` for appending results of a resumed scan: true when it holds
/// results to continue (pass WriterOptions::append), false when missing or
/// empty. For xml it cuts the closing <runstats>...</nmaprun> so the new hosts
/// continue the same document. InvalidArgument when an xml file is not ours.
Result<bool> PrepareAppend(std::string_view format, const std::string& path);

}  // namespace amtscope

#endif  // AMTSCOPE_REPORT_OUTPUT_WRITER_H_
