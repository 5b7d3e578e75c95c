#include "core/bounded_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

// mingw-w64's CRT has open/read/fstat but no O_CLOEXEC, O_NONBLOCK or
// fcntl(); files are opened in binary mode there (docs/windows.md).
#ifdef _WIN32
#define AMTSCOPE_OPEN_FLAGS (O_RDONLY | O_BINARY)
#define getc_unlocked _getc_nolock
#else
#define AMTSCOPE_OPEN_FLAGS (O_RDONLY | O_CLOEXEC | O_NONBLOCK)
#endif

namespace amtscope {

namespace {

bool IsControl(unsigned char c) { return c < 0x20 || c == 0x7f; }

}  // namespace

std::string Excerpt(std::string_view text, size_t max_chars) {
  std::string out;
  size_t i = 0;
  for (; i < text.size() && out.size() < max_chars; ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (IsControl(c) || c >= 0x80) {
      out += fmt::format("\\x{:02x}", c);  // also keeps cut UTF-8 harmless
    } else {
      out += static_cast<char>(c);
    }
  }
  if (i < text.size()) out += fmt::format("... ({} bytes)", text.size());
  return out;
}

Result<std::string> ReadBoundedFile(const std::string& path, size_t max_bytes,
                                    std::string_view what) {
  std::string shown = Excerpt(path, 200);
  int fd = ::open(path.c_str(), AMTSCOPE_OPEN_FLAGS);
  if (fd < 0) {
    return Status::NotFound(fmt::format("cannot read {} '{}': {}", what, shown,
                                        std::strerror(errno)),
                            "check the path and its permissions");
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Status::InvalidArgument(
        fmt::format("{} '{}' is a directory", what, shown),
        "give the file inside it");
  }
#ifndef _WIN32
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
#endif
  std::string text;
  char buf[65536];
  for (;;) {
    auto n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return Status::IoError(fmt::format("cannot read {} '{}': {}", what, shown,
                                         std::strerror(err)));
    }
    if (n == 0) break;
    if (text.size() + static_cast<size_t>(n) > max_bytes) {
      ::close(fd);
      return Status::InvalidArgument(
          fmt::format("{} '{}' is larger than {} MiB", what, shown,
                      max_bytes >> 20),
          "give the right file (this limit is in README \"Input limits\")");
    }
    text.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return text;
}

Status ForEachLine(
    std::FILE* in, std::string_view name, size_t max_line,
    const std::function<Status(std::string_view, size_t)>& line) {
  std::string current;
  size_t line_no = 1;
  bool first = true;
  for (int c = getc_unlocked(in);; c = getc_unlocked(in)) {
    if (c == EOF || c == '\n') {
      std::string_view text = current;
      if (first && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
      first = false;
      if (!(c == EOF && current.empty())) {
        AMTSCOPE_RETURN_IF_ERROR(line(text, line_no));
      }
      if (c == EOF) break;
      current.clear();
      ++line_no;
      continue;
    }
    if (current.size() >= max_line) {
      return Status::InvalidArgument(
          fmt::format("{} line {} is longer than {} bytes: '{}'", name, line_no,
                      max_line, Excerpt(current)),
          "give one target (or a few) per line");
    }
    current += static_cast<char>(c);
  }
  if (std::ferror(in)) {
    return Status::IoError(
        fmt::format("cannot read {}: {}", name, std::strerror(errno)));
  }
  return Status::Ok();
}

}  // namespace amtscope
