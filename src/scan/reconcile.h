// ReconcileWithOutput: on --resume, trust the output file over a resume file
// that is older than it (issue 10 item 3). A checkpoint is saved every few
// seconds, so after kill -9, a resumed run that was killed, or a second
// resume of the same file, the output holds records the checkpoint does not
// know; probing those again would duplicate them. Their positions are
// marked done instead.
#ifndef AMTSCOPE_SCAN_RECONCILE_H_
#define AMTSCOPE_SCAN_RECONCILE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "net/permutation.h"
#include "net/target_space.h"
#include "scan/resume.h"

namespace amtscope {

/// One record found in an output file.
struct RecordKey {
  std::string ip;
  uint16_t port = 0;
};

/// The (ip, port) of every record in an ndjson/csv/table `path` from byte
/// `offset` on, or of every <port> of every <host> in an xml file. A torn
/// last line (no newline: the writer was killed mid-record) is cut off the
/// file. InvalidArgument when the file is shorter than `offset`.
Result<std::vector<RecordKey>> ReadOutputRecords(OutputFormat format,
                                                 const std::string& path,
                                                 uint64_t offset);

/// Marks done in `tracker` every position of `order` whose record the -o
/// file of `state` holds beyond `state.output_bytes` (xml: anywhere).
/// Returns how many positions were newly marked. No -o file: nothing to do.
Result<uint64_t> ReconcileWithOutput(const ResumeState& state,
                                     const TargetSpace& space,
                                     const ScanOrder& order,
                                     CompletionTracker* tracker);

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_RECONCILE_H_
