#include "inventory/import_stream.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/bounded_file.h"

namespace amtscope {
namespace {

// A read's size, and how many bytes of lines one NextLines call hands out:
// large enough that a system call or a look-ahead search costs little per
// line, small enough to stay in the cache.
constexpr size_t kPiece = size_t{1} << 20;

// Only such a line can be the summary: its type is "summary", spelt out or
// with \u escapes. The word is found by its rarest letter, 'y' (a few per
// record), and a look back: memchr over the gaps beat a Boyer-Moore-Horspool
// search, which took 0.23 s over 460 MB (glibc's memmem 0.6 s). A backslash
// is rare and memchr finds it fast.
bool HasSummaryWord(std::string_view text) {
  static constexpr std::string_view kStem = "summar";
  for (size_t at = 0; at < text.size(); ++at) {
    const auto* y = static_cast<const char*>(
        std::memchr(text.data() + at, 'y', text.size() - at));
    if (y == nullptr) return false;
    at = static_cast<size_t>(y - text.data());
    if (at >= kStem.size() &&
        text.substr(at - kStem.size(), kStem.size()) == kStem)
      return true;
  }
  return false;
}

bool MayBeSummary(std::string_view text) {
  if (HasSummaryWord(text)) return true;
  for (size_t at = 0; at < text.size();) {
    const auto* slash = static_cast<const char*>(
        std::memchr(text.data() + at, '\\', text.size() - at));
    if (slash == nullptr) return false;
    at = static_cast<size_t>(slash - text.data()) + 1;
    if (at < text.size() && text[at] == 'u') return true;
    ++at;  // "\\" escapes the next backslash
  }
  return false;
}

Status ReadError(const std::string& name, int err) {
  return Status::IoError(fmt::format("cannot read import file '{}': {}",
                                     Excerpt(name, 200), std::strerror(err)));
}

}  // namespace

LineReader::LineReader(int fd, std::string name)
    : fd_(fd), name_(std::move(name)), buf_(kPiece, '\0') {}

LineReader::~LineReader() { ::close(fd_); }

Status LineReader::Fill() {
  // The unread bytes move to the front; a line longer than the buffer
  // doubles it.
  std::memmove(buf_.data(), buf_.data() + at_, size_ - at_);
  size_ -= at_;
  at_ = 0;
  if (size_ == buf_.size()) buf_.resize(buf_.size() * 2);
  for (;;) {
    auto n = ::read(fd_, buf_.data() + size_, buf_.size() - size_);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ReadError(name_, errno);
    eof_ = n == 0;
    size_ += static_cast<size_t>(n);
    return Status::Ok();
  }
}

Status LineReader::NextLines(size_t max_bytes,
                             std::vector<std::string_view>* lines) {
  lines->clear();
  size_t taken = 0;
  for (;;) {
    while (at_ < size_ && taken < max_bytes) {
      const char* from = buf_.data() + at_;
      const auto* nl =
          static_cast<const char*>(std::memchr(from, '\n', size_ - at_));
      if (nl == nullptr) break;
      lines->emplace_back(from, static_cast<size_t>(nl - from));
      taken += static_cast<size_t>(nl - from) + 1;
      at_ += static_cast<size_t>(nl - from) + 1;
    }
    // Filling moves the buffer: the views handed out must go first.
    if (!lines->empty()) return Status::Ok();
    if (eof_) {
      if (at_ < size_) lines->emplace_back(buf_.data() + at_, size_ - at_);
      at_ = size_;
      return Status::Ok();
    }
    AMTSCOPE_RETURN_IF_ERROR(Fill());
  }
}

Status LineReader::Rewind() {
  if (::lseek(fd_, 0, SEEK_SET) < 0) return ReadError(name_, errno);
  at_ = size_ = 0;
  eof_ = false;
  return Status::Ok();
}

NdjsonImportFile::NdjsonImportFile(int fd, const std::string& path)
    : path_(path), lines_(fd, path) {}

namespace {

// The first bytes DetectImportFormat looks at; false when they could not
// be read (ImportFile then says why).
bool ReadHead(int fd, std::string* head) {
  head->assign(4096, '\0');
  size_t got = 0;
  while (got < head->size()) {
    auto n = ::pread(fd, head->data() + got, head->size() - got,
                     static_cast<off_t>(got));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  head->resize(got);
  return true;
}

}  // namespace

Result<std::unique_ptr<NdjsonImportFile>> NdjsonImportFile::Open(
    const std::string& path) {
  // Non-blocking, as ReadBoundedFile: a FIFO without a writer must not hang
  // here (it is not a regular file, so it goes to ImportFile).
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return std::unique_ptr<NdjsonImportFile>();
  struct stat st {};
  std::string head;
  bool ndjson = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
                static_cast<uint64_t>(st.st_size) <= kMaxImportFileBytes &&
                ReadHead(fd, &head);
  if (ndjson) {
    auto format = DetectImportFormat(head);
    ndjson = format.ok() && *format == ImportFormat::kNdjson;
  }
  if (!ndjson) {
    ::close(fd);
    return std::unique_ptr<NdjsonImportFile>();
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  std::unique_ptr<NdjsonImportFile> file(new NdjsonImportFile(fd, path));
  AMTSCOPE_RETURN_IF_ERROR(file->ReadAhead());
  return file;
}

// A first pass that parses only the lines that can be the summary: a few
// hundred milliseconds for a million records, mostly one search per piece.
Status NdjsonImportFile::ReadAhead() {
  ScanNdjsonReader look;
  for (;;) {
    AMTSCOPE_RETURN_IF_ERROR(lines_.NextLines(kPiece, &pending_));
    if (pending_.empty()) break;
    const char* first = pending_.front().data();
    std::string_view piece(first,
                           static_cast<size_t>(pending_.back().data() +
                                               pending_.back().size() - first));
    if (!MayBeSummary(piece)) continue;
    for (std::string_view line : pending_) {
      if (MayBeSummary(line)) look.ReadSummaryLine(line);
    }
  }
  pending_.clear();
  AMTSCOPE_ASSIGN_OR_RETURN(summary_, look.Finish());
  return lines_.Rewind();
}

Result<bool> NdjsonImportFile::Next(size_t max,
                                    std::vector<Finding>* findings) {
  while (findings->size() < max) {
    if (next_ == pending_.size()) {
      AMTSCOPE_RETURN_IF_ERROR(lines_.NextLines(kPiece, &pending_));
      next_ = 0;
      if (pending_.empty()) return false;
    }
    reader_.ReadLine(pending_[next_++], findings);
  }
  return true;
}

}  // namespace amtscope
