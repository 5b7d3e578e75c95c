// Streaming import of amtscope scan NDJSON (issue 12): a file of a million
// records (460 MB) is read a piece at a time instead of whole, so memory
// stays bounded and `inventory import` can store one batch while it parses
// the next. The records, skips and errors are ParseScanNdjson's: it is built
// on the same line reader.
#ifndef AMTSCOPE_INVENTORY_IMPORT_STREAM_H_
#define AMTSCOPE_INVENTORY_IMPORT_STREAM_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "inventory/flat_json.h"
#include "inventory/import.h"
#include "model/finding.h"

namespace amtscope {

/// ParseScanNdjson one line at a time: the same records, skips and errors.
class ScanNdjsonReader {
 public:
  /// Reads one line: a port record is appended to *findings (while fewer
  /// than kMaxImportRecords were), the summary kept, the rest counted skipped.
  void ReadLine(std::string_view line, std::vector<Finding>* findings);
  /// Reads one line only if it is the summary (what a look-ahead needs).
  void ReadSummaryLine(std::string_view line);
  /// What the lines held besides the records (format, summary, skipped);
  /// Corruption when none was a record or the summary but some were skipped.
  Result<ImportedScan> Finish() const;
  /// The records read so far.
  uint64_t records() const { return records_; }

 private:
  // Appends a port record to *findings, or counts it skipped.
  void Keep(std::optional<Finding> finding, bool is_port,
            std::vector<Finding>* findings);

  FlatJson flat_;
  ImportedScan scan_;  // findings stay empty: they go to the caller
  uint64_t records_ = 0;
};

/// The lines of a file read in pieces of about a mebibyte (a line may be as
/// long as the file).
class LineReader {
 public:
  /// Reads from `fd`, which it closes; `name` is for messages.
  LineReader(int fd, std::string name);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  /// The lines that follow, up to `max_bytes` of them (at least one), in
  /// *lines (views valid until the next call); empty at the end of the file.
  Status NextLines(size_t max_bytes, std::vector<std::string_view>* lines);
  /// Starts again at the first byte.
  Status Rewind();

 private:
  Status Fill();  // reads more after buf_'s unread bytes; eof_ at the end

  int fd_;
  std::string name_;
  std::string buf_;
  size_t at_ = 0;    // first unread byte of buf_
  size_t size_ = 0;  // bytes of buf_ that hold data
  bool eof_ = false;
};

/// An amtscope NDJSON file opened for a streaming import.
class NdjsonImportFile {
 public:
  /// Opens `path` when it is a regular file of at most kMaxImportFileBytes
  /// in amtscope NDJSON (the same guess as DetectImportFormat) and reads its
  /// summary ahead; nullptr for anything else, which ImportFile reads whole
  /// (and names what is wrong with it).
  static Result<std::unique_ptr<NdjsonImportFile>> Open(
      const std::string& path);

  /// The summary's fields (arguments, start, end), known before the records:
  /// linking needs the scan's start from the first record on.
  const ImportedScan& summary() const { return summary_; }
  /// Appends the following records to *findings until it holds `max` of
  /// them; false once the file has ended.
  Result<bool> Next(size_t max, std::vector<Finding>* findings);
  /// After Next returned false: format, summary and skipped count, or the
  /// error ParseScanNdjson gives for the same file.
  Result<ImportedScan> Finish() const { return reader_.Finish(); }

 private:
  NdjsonImportFile(int fd, const std::string& path);
  Status ReadAhead();  // the summary pass

  std::string path_;
  LineReader lines_;
  ScanNdjsonReader reader_;
  ImportedScan summary_;
  std::vector<std::string_view> pending_;  // lines read, not yet parsed
  size_t next_ = 0;                        // first unparsed of pending_
};

}  // namespace amtscope

#endif  // AMTSCOPE_INVENTORY_IMPORT_STREAM_H_
