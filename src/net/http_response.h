// HttpResponseReader: a bounded, lenient, streaming HTTP/1.x response parser.
//
// Push parser: the probe feeds whatever bytes arrived (from a small reused
// buffer) and the reader keeps only what the scanner needs (status, a few
// headers, body bytes passed on to a BodySink), so a probe never holds a
// whole response in memory and a hostile server cannot grow it.
#ifndef AMTSCOPE_NET_HTTP_RESPONSE_H_
#define AMTSCOPE_NET_HTTP_RESPONSE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace amtscope {

/// Bounds on one response; exceeding them fails the response, never grows.
struct HttpLimits {
  uint32_t max_line = 1024;           // longer header lines are truncated
  uint32_t max_header_bytes = 16384;  // whole header section
  uint32_t max_headers = 100;
  uint32_t max_body = 262144;  // body bytes consumed before giving up
};

/// Why a response could not be read completely.
enum class HttpError : uint8_t {
  kNone,
  kNotHttp,          // first bytes are not "HTTP/"
  kHeadersTooLarge,  // header section over max_header_bytes / max_headers
  kBodyTooLarge,     // body over max_body (headers are still valid)
  kBadChunk,         // malformed chunk size
  kTruncated,        // peer closed before the response was complete
};

/// "not-http", "headers-too-large", ... ("" for kNone).
std::string_view ToString(HttpError error);

/// Receives body bytes (de-chunked) as they stream in.
class BodySink {
 public:
  virtual ~BodySink() = default;
  virtual void OnBody(std::string_view bytes) = 0;
};

/// Parses one response. Reusable with Reset().
class HttpResponseReader {
 public:
  explicit HttpResponseReader(HttpLimits limits = {}) : limits_(limits) {}

  /// Starts a new response; `sink` (may be null) gets the body bytes.
  void Reset(BodySink* sink = nullptr);
  /// Appends the status line and each header line as read (bounded like
  /// them, each ending in '\n'; no blank lines) to `log`, or nothing when
  /// null (the default; Reset clears it). For the packet trace.
  void LogHeadTo(std::string* log) { head_log_ = log; }
  /// Consumes bytes; returns how many belong to this response (stops at its
  /// end, so the rest can start the next response on a kept-alive connection).
  size_t Feed(std::string_view data);
  /// The peer closed: completes a body delimited by close, else kTruncated.
  void OnEof();

  /// The response is complete (or failed: see error()).
  bool done() const {
    return state_ == State::kDone || state_ == State::kFailed;
  }
  bool failed() const { return state_ == State::kFailed; }
  HttpError error() const { return error_; }
  /// Status line and headers were read (true even when the body failed).
  bool headers_done() const { return headers_done_; }

  int status() const { return status_; }
  /// The minor version of "HTTP/1.x".
  int minor_version() const { return minor_version_; }
  /// Raw Server header ("" when absent; truncated to a sane length).
  const std::string& server() const { return server_; }
  /// The first WWW-Authenticate header offering Digest, else the first one.
  const std::string& www_authenticate() const { return www_authenticate_; }
  const std::string& content_type() const { return content_type_; }
  bool chunked() const { return chunked_; }
  /// The connection can carry another request after this response.
  bool keep_alive() const;
  uint64_t body_bytes() const { return body_bytes_; }
  /// Bytes fed so far (0: the peer sent nothing).
  uint64_t bytes_received() const { return received_; }

 private:
  enum class State : uint8_t {
    kStatusLine,
    kHeaders,
    kBodyLength,
    kBodyUntilClose,
    kChunkSize,
    kChunkData,
    kChunkDataEnd,
    kTrailers,
    kDone,
    kFailed
  };
  size_t FeedLine(std::string_view data, bool* have_line);
  void OnStatusLine();
  void OnHeaderLine();
  void OnHeadersEnd();
  void OnChunkSizeLine();
  size_t FeedBody(std::string_view data, uint64_t limit);
  void Fail(HttpError error);
  void LogLine();  // line_ to head_log_, when logging

  HttpLimits limits_;
  BodySink* sink_ = nullptr;
  std::string* head_log_ = nullptr;
  State state_ = State::kStatusLine;
  HttpError error_ = HttpError::kNone;
  bool headers_done_ = false;
  bool chunked_ = false;
  bool has_length_ = false;
  bool connection_close_ = false;
  bool connection_keep_alive_ = false;
  bool line_overflow_ = false;
  int status_ = 0;
  int minor_version_ = 0;
  uint32_t header_bytes_ = 0;
  uint32_t header_count_ = 0;
  uint64_t remaining_ = 0;  // of Content-Length or the current chunk
  uint64_t body_bytes_ = 0;
  uint64_t received_ = 0;
  std::string line_;  // the current partial line (bounded)
  std::string server_;
  std::string www_authenticate_;
  std::string content_type_;
};

}  // namespace amtscope

#endif  // AMTSCOPE_NET_HTTP_RESPONSE_H_
