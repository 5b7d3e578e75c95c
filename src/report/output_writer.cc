#include "report/output_writer.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "report/writers.h"

namespace amtscope {

namespace {

// Cuts an xml file of ours back to its last complete <host> (or header), so a
// resumed scan writes more hosts and a new <runstats> into the same document.
Status TruncateXmlTail(const std::string& path, const std::string& text) {
  if (text.find("<nmaprun scanner=\"amtscope\"") == std::string::npos) {
    return Status::InvalidArgument(
        fmt::format(
            "'{}' is not an amtscope XML file; refusing to append to it", path),
        "give a new -o file, or the file the interrupted scan wrote");
  }
  constexpr std::string_view kHostEnd = "</host>\n";
  constexpr std::string_view kHeaderEnd = "<debugging level=\"0\"/>\n";
  size_t cut = text.rfind("<runstats>");
  if (cut == std::string::npos) {
    size_t host = text.rfind(kHostEnd);
    size_t header = text.find(kHeaderEnd);
    cut = host != std::string::npos     ? host + kHostEnd.size()
          : header != std::string::npos ? header + kHeaderEnd.size()
                                        : std::string::npos;
  }
  if (cut == std::string::npos) {
    return Status::InvalidArgument(
        fmt::format("'{}' has no complete XML header", path),
        "give a new -o file");
  }
  std::error_code ec;
  std::filesystem::resize_file(path, cut, ec);
  if (ec)
    return Status::IoError(
        fmt::format("cannot truncate '{}': {}", path, ec.message()));
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<OutputWriter>> MakeOutputWriter(std::string_view format,
                                                       std::ostream& out,
                                                       WriterOptions options) {
  if (format == "table") return MakeTableWriter(out, options);
  if (format == "ndjson" || format == "json")
    return MakeNdjsonWriter(out, options);
  if (format == "csv") return MakeCsvWriter(out, options);
  if (format == "xml") return MakeXmlWriter(out, options);
  if (format == "gnmap") return MakeGnmapWriter(out, options);
  return Status::InvalidArgument(
      fmt::format("unknown output format '{}'", format),
      "use --format table, ndjson, csv, xml or gnmap");
}

Result<bool> PrepareAppend(std::string_view format, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  if (text.empty()) return false;
  if (format == "xml") AMTSCOPE_RETURN_IF_ERROR(TruncateXmlTail(path, text));
  return true;
}

}  // namespace amtscope
