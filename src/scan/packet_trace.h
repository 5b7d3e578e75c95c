// Packet trace (`scan -vv`, `--packet-trace`): the HTTP exchanges of each
// probe as text on stderr, one "IP:PORT > " line per request line and header
// sent, one "IP:PORT < " line per status line and header received, bodies cut
// to a prefix, control bytes escaped. Like nmap's --packet-trace it never
// touches stdout or -o; when off, probes build none of this text.
#ifndef AMTSCOPE_SCAN_PACKET_TRACE_H_
#define AMTSCOPE_SCAN_PACKET_TRACE_H_

#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

#include "core/mutex.h"
#include "net/http_response.h"

namespace amtscope {

/// Body bytes shown per request or response; the rest is counted only.
inline constexpr size_t kTraceBodyBytes = 256;

/// Where traced exchanges go; Emit is safe from any probe thread.
class PacketTrace {
 public:
  /// Writes to `out` (stderr in the CLI), which must outlive the trace.
  explicit PacketTrace(std::FILE* out) : out_(out) {}
  /// Writes `block` (whole lines) at once: lines of concurrent probes never
  /// interleave inside a block. Best effort, like the progress line.
  void Emit(std::string_view block);

 private:
  Mutex mu_;  // one block at a time into *out_
  std::FILE* out_;
};

/// "WHERE > line" for the request line and each header of `request` as
/// sent, then "WHERE > (body N bytes) prefix" when it has a body.
std::string TraceRequest(std::string_view where, std::string_view request);

/// Collects what a response shows in the trace: the reader's status and
/// header lines (HttpResponseReader::LogHeadTo(head())) and the first
/// kTraceBodyBytes of its body; every body byte is passed on to `next`.
class ResponseTrace : public BodySink {
 public:
  /// `next` (may be null) is the probe's own body sink.
  explicit ResponseTrace(BodySink* next) : next_(next) {}
  void OnBody(std::string_view bytes) override;
  /// Where the reader appends the status and header lines.
  std::string* head() { return &head_; }
  /// "WHERE < line" per received line, then "WHERE < (body N bytes[, first
  /// M]) prefix" and "WHERE ! error" when `error` is not empty.
  std::string Format(std::string_view where, uint64_t body_bytes,
                     std::string_view error) const;

 private:
  BodySink* next_;
  std::string head_;
  std::string body_;  // at most kTraceBodyBytes
};

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_PACKET_TRACE_H_
