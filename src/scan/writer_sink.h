// WriterSink: the engine's results, serialized into one OutputWriter.
#ifndef AMTSCOPE_SCAN_WRITER_SINK_H_
#define AMTSCOPE_SCAN_WRITER_SINK_H_

#include <functional>
#include <mutex>
#include <vector>

#include "core/mutex.h"
#include "model/output_writer.h"
#include "scan/engine.h"

namespace amtscope {

/// Records each Finding with `writer` under a mutex (the writer sees one
/// call at a time, in completion order) and tells `on_done` every finished
/// scan position (for the resume file) after its finding is written, with
/// the totals so far, still under the mutex.
class WriterSink : public ResultSink {
 public:
  using DoneCallback =
      std::function<void(uint64_t position, const RunStats& stats)>;
  explicit WriterSink(OutputWriter& writer, DoneCallback on_done = {})
      : writer_(writer), on_done_(std::move(on_done)) {}

  void OnDone(const ProbeTarget& target, const Finding* finding) override;
  /// Records a finding that has no scan position (the RMCP ping's, the
  /// redirection ports'): written and counted, no resume mark.
  void RecordExtra(const Finding& finding);
  /// The first write error, OK otherwise.
  Status status() const;
  /// Totals for OutputWriter::End.
  RunStats stats() const;
  /// Copies of the findings (only when keep_findings(true)).
  std::vector<Finding> findings() const;
  void keep_findings(bool keep) { keep_ = keep; }

 private:
  OutputWriter& writer_;
  DoneCallback on_done_;
  mutable Mutex mu_;
  Status status_ GUARDED_BY(mu_);
  RunStats stats_ GUARDED_BY(mu_);
  bool keep_ = false;  // set before the scan starts
  std::vector<Finding> findings_ GUARDED_BY(mu_);
};

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_WRITER_SINK_H_
