// The concrete writers behind MakeOutputWriter (internal to report/).
#ifndef AMTSCOPE_REPORT_WRITERS_H_
#define AMTSCOPE_REPORT_WRITERS_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>

#include "report/output_writer.h"

namespace amtscope {

/// Aligned human-readable columns and a summary at End.
std::unique_ptr<OutputWriter> MakeTableWriter(std::ostream& out,
                                              WriterOptions options);
/// One JSON object per open port per line.
std::unique_ptr<OutputWriter> MakeNdjsonWriter(std::ostream& out,
                                               WriterOptions options);
/// RFC 4180 CSV with a header row, the NDJSON fields as columns.
std::unique_ptr<OutputWriter> MakeCsvWriter(std::ostream& out,
                                            WriterOptions options);
/// nmap-compatible XML (nmaprun), hosts grouped and written at End.
std::unique_ptr<OutputWriter> MakeXmlWriter(std::ostream& out,
                                            WriterOptions options);

/// nmap's greppable lines (-oG), hosts grouped and written at End.
std::unique_ptr<OutputWriter> MakeGnmapWriter(std::ostream& out,
                                              WriterOptions options);

/// The NDJSON object for one finding; its keys, in order, are the CSV columns.
nlohmann::ordered_json FindingToJson(const Finding& finding);

}  // namespace amtscope

#endif  // AMTSCOPE_REPORT_WRITERS_H_
