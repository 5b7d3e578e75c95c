#include "net/http_response.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "core/strings.h"

namespace amtscope {
namespace {

constexpr size_t kMaxKeptHeader = 512;  // Server / WWW-Authenticate kept bytes

void Keep(std::string& dst, std::string_view value) {
  dst.assign(value.substr(0, kMaxKeptHeader));
}

}  // namespace

std::string_view ToString(HttpError error) {
  switch (error) {
    case HttpError::kNone:
      return "";
    case HttpError::kNotHttp:
      return "not-http";
    case HttpError::kHeadersTooLarge:
      return "headers-too-large";
    case HttpError::kBodyTooLarge:
      return "body-too-large";
    case HttpError::kBadChunk:
      return "bad-chunk";
    case HttpError::kTruncated:
      return "truncated";
  }
  return "";
}

void HttpResponseReader::Reset(BodySink* sink) {
  HttpLimits limits = limits_;
  *this = HttpResponseReader(limits);
  sink_ = sink;
}

bool HttpResponseReader::keep_alive() const {
  if (state_ != State::kDone || connection_close_) return false;
  if (minor_version_ == 0 && !connection_keep_alive_) return false;
  return chunked_ || has_length_ || status_ == 204 || status_ == 304;
}

void HttpResponseReader::LogLine() {
  if (head_log_ == nullptr) return;
  head_log_->append(line_);
  head_log_->push_back('\n');
}

void HttpResponseReader::Fail(HttpError error) {
  state_ = State::kFailed;
  error_ = error;
  std::string().swap(line_);
}

// Accumulates one line (without CR/LF) into line_, truncating long lines;
// `*have_line` tells whether the terminating LF was seen.
size_t HttpResponseReader::FeedLine(std::string_view data, bool* have_line) {
  size_t lf = data.find('\n');
  size_t take = lf == std::string_view::npos ? data.size() : lf;
  size_t room =
      limits_.max_line > line_.size() ? limits_.max_line - line_.size() : 0;
  line_.append(data.substr(0, std::min(take, room)));
  if (take > room) line_overflow_ = true;
  *have_line = lf != std::string_view::npos;
  if (*have_line && !line_.empty() && line_.back() == '\r') line_.pop_back();
  return *have_line ? lf + 1 : data.size();
}

size_t HttpResponseReader::Feed(std::string_view data) {
  received_ += data.size();
  size_t used = 0;
  while (used < data.size() && !done()) {
    std::string_view rest = data.substr(used);
    switch (state_) {
      case State::kStatusLine:
      case State::kHeaders:
      case State::kTrailers: {
        bool have_line = false;
        size_t n = FeedLine(rest, &have_line);
        used += n;
        header_bytes_ +=
            static_cast<uint32_t>(std::min<size_t>(n, UINT32_MAX / 2));
        if (state_ == State::kStatusLine) {
          // Fail fast on garbage: the first bytes must read "HTTP/".
          std::string_view want = "HTTP/";
          size_t k = std::min(line_.size(), want.size());
          if (!IEquals(std::string_view(line_).substr(0, k),
                       want.substr(0, k))) {
            LogLine();  // what came instead of "HTTP/"
            Fail(HttpError::kNotHttp);
            break;
          }
        }
        if (header_bytes_ > limits_.max_header_bytes) {
          Fail(HttpError::kHeadersTooLarge);
          break;
        }
        if (!have_line) break;
        if (state_ != State::kTrailers && !line_.empty()) LogLine();
        if (state_ == State::kStatusLine) {
          OnStatusLine();
        } else if (line_.empty()) {
          if (state_ == State::kTrailers) {
            state_ = State::kDone;
          } else {
            OnHeadersEnd();
          }
        } else if (state_ == State::kHeaders) {
          OnHeaderLine();
        }
        line_.clear();
        line_overflow_ = false;
        break;
      }
      case State::kBodyLength:
      case State::kChunkData: {
        size_t n = FeedBody(rest, remaining_);
        used += n;
        remaining_ -= n;
        if (!done() && remaining_ == 0) {
          state_ = state_ == State::kBodyLength ? State::kDone
                                                : State::kChunkDataEnd;
        }
        break;
      }
      case State::kBodyUntilClose:
        used += FeedBody(rest, rest.size());
        break;
      case State::kChunkSize:
      case State::kChunkDataEnd: {
        bool have_line = false;
        used += FeedLine(rest, &have_line);
        if (!have_line) break;
        if (state_ == State::kChunkDataEnd) {
          // Lenient: the CRLF after chunk data may be a bare LF; anything
          // else there means the framing is broken.
          if (!line_.empty())
            Fail(HttpError::kBadChunk);
          else
            state_ = State::kChunkSize;
        } else {
          OnChunkSizeLine();
        }
        line_.clear();
        break;
      }
      case State::kDone:
      case State::kFailed:
        break;
    }
  }
  return used;
}

size_t HttpResponseReader::FeedBody(std::string_view data, uint64_t limit) {
  size_t want = static_cast<size_t>(std::min<uint64_t>(data.size(), limit));
  uint64_t room =
      limits_.max_body - std::min<uint64_t>(body_bytes_, limits_.max_body);
  size_t n = static_cast<size_t>(std::min<uint64_t>(want, room));
  if (n > 0 && sink_ != nullptr) sink_->OnBody(data.substr(0, n));
  body_bytes_ += n;
  if (n < want) Fail(HttpError::kBodyTooLarge);
  return n;
}

void HttpResponseReader::OnStatusLine() {
  // "HTTP/1.1 401 Unauthorized"; lenient about the reason phrase.
  std::string_view line = line_;
  if (line.size() < 12 || line[6] != '.' ||
      !std::isdigit(static_cast<unsigned char>(line[7]))) {
    Fail(HttpError::kNotHttp);
    return;
  }
  minor_version_ = line[7] - '0';
  std::string_view rest = Trim(line.substr(8));
  int code = 0;
  auto [ptr, ec] = std::from_chars(
      rest.data(), rest.data() + std::min<size_t>(3, rest.size()), code);
  if (ec != std::errc() || ptr != rest.data() + 3 || code < 100 || code > 999) {
    Fail(HttpError::kNotHttp);
    return;
  }
  status_ = code;
  state_ = State::kHeaders;
}

void HttpResponseReader::OnHeaderLine() {
  if (++header_count_ > limits_.max_headers) {
    Fail(HttpError::kHeadersTooLarge);
    return;
  }
  std::string_view line = line_;
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return;  // lenient: ignore junk lines
  std::string_view name = Trim(line.substr(0, colon));
  std::string_view value = Trim(line.substr(colon + 1));
  if (IEquals(name, "server")) {
    if (server_.empty()) Keep(server_, value);
  } else if (IEquals(name, "www-authenticate")) {
    bool digest = IContains(value.substr(0, 8), "digest");
    bool have_digest =
        IContains(std::string_view(www_authenticate_).substr(0, 8), "digest");
    if (www_authenticate_.empty() || (digest && !have_digest))
      Keep(www_authenticate_, value);
  } else if (IEquals(name, "content-type")) {
    Keep(content_type_, value.substr(0, 64));
  } else if (IEquals(name, "transfer-encoding")) {
    chunked_ = IContains(value, "chunked");
  } else if (IEquals(name, "connection")) {
    connection_close_ = connection_close_ || IContains(value, "close");
    connection_keep_alive_ = IContains(value, "keep-alive");
  } else if (IEquals(name, "content-length")) {
    uint64_t n = 0;
    auto [ptr, ec] =
        std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec == std::errc() && ptr == value.data() + value.size()) {
      has_length_ = true;
      remaining_ = n;
    }
  }
}

void HttpResponseReader::OnHeadersEnd() {
  if (status_ >= 100 && status_ < 200) {  // interim response: read the next
    BodySink* sink = sink_;
    std::string* log = head_log_;
    Reset(sink);
    head_log_ = log;  // the trace shows the interim response too
    return;
  }
  headers_done_ = true;
  std::string().swap(line_);  // header lines are over: give the memory back
  if (status_ == 204 || status_ == 304) {
    state_ = State::kDone;
  } else if (chunked_) {
    has_length_ = false;
    state_ = State::kChunkSize;
  } else if (has_length_) {
    state_ = remaining_ == 0 ? State::kDone : State::kBodyLength;
  } else {
    state_ = State::kBodyUntilClose;
  }
}

void HttpResponseReader::OnChunkSizeLine() {
  std::string_view line = Trim(line_);
  if (line.empty()) return;  // tolerate a stray blank line between chunks
  uint64_t size = 0;
  auto [ptr, ec] =
      std::from_chars(line.data(), line.data() + line.size(), size, 16);
  if (ec != std::errc() || ptr == line.data() || size > limits_.max_body) {
    Fail(HttpError::kBadChunk);
    return;
  }
  if (size == 0) {
    state_ = State::kTrailers;
  } else {
    remaining_ = size;
    state_ = State::kChunkData;
  }
}

void HttpResponseReader::OnEof() {
  if (done()) return;
  if (state_ == State::kBodyUntilClose) {
    state_ = State::kDone;
    std::string().swap(line_);
  } else {
    Fail(HttpError::kTruncated);
  }
}

}  // namespace amtscope
