#include "scan/writer_sink.h"

namespace amtscope {

void WriterSink::OnDone(const ProbeTarget& target, const Finding* finding) {
  MutexLock lock(mu_);
  ++stats_.targets_done;
  if (finding != nullptr) {
    ++stats_.open_ports;
    if (finding->amt) ++stats_.amt_found;
    if (finding->verdict == ScanVerdict::kVulnerable) ++stats_.vulnerable;
    Status st = writer_.Record(*finding);
    if (!st.ok() && status_.ok()) status_ = st;
    if (keep_) findings_.push_back(*finding);
  }
  if (on_done_) on_done_(target.position, stats_);
}

void WriterSink::RecordExtra(const Finding& finding) {
  MutexLock lock(mu_);
  ++stats_.open_ports;
  if (finding.amt) ++stats_.amt_found;
  if (finding.verdict == ScanVerdict::kVulnerable) ++stats_.vulnerable;
  Status st = writer_.Record(finding);
  if (!st.ok() && status_.ok()) status_ = st;
  if (keep_) findings_.push_back(finding);
}

Status WriterSink::status() const {
  MutexLock lock(mu_);
  return status_;
}

RunStats WriterSink::stats() const {
  MutexLock lock(mu_);
  return stats_;
}

std::vector<Finding> WriterSink::findings() const {
  MutexLock lock(mu_);
  return findings_;
}

}  // namespace amtscope
