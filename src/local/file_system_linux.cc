// RealFileSystem on Linux: open/readdir/readlink under the root.
#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "local/file_system.h"

namespace amtscope {

namespace {

Status OsError(std::string_view what, const std::string& path, int err) {
  std::string msg = fmt::format("{} {}: {}", what, path, std::strerror(err));
  if (err == ENOENT || err == ENOTDIR) return Status::NotFound(msg);
  if (err == EACCES || err == EPERM) {
    return Status::PermissionDenied(msg, "run as root to read it");
  }
  return Status::IoError(msg);
}

}  // namespace

// Remembers every failure other than "absent" (permissions, a FIFO or a
// directory where a file belongs or the reverse, a symlink loop).
Status RealFileSystem::Unreadable(Status error, int err) const {
  if (err != ENOENT && unreadable_.size() < 100) {
    unreadable_.push_back(error.message());
  }
  return error;
}

Result<std::string> RealFileSystem::ReadFile(std::string_view path,
                                             std::size_t max_bytes) const {
  std::string full = Join(path);
  // O_NONBLOCK: a FIFO planted in a captured tree must not hang the check.
  int fd = ::open(full.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    int err = errno;
    return Unreadable(OsError("cannot open", full, err), err);
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Unreadable(
        Status::IoError(fmt::format("not a regular file: {}", full)), EINVAL);
  }
  std::string out;
  char buf[4096];
  while (out.size() < max_bytes) {
    ssize_t n = ::read(fd, buf, std::min(sizeof buf, max_bytes - out.size()));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return Unreadable(OsError("cannot read", full, err), err);
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

Result<std::vector<std::string>> RealFileSystem::ListDir(
    std::string_view path, std::size_t max_entries) const {
  std::string full = Join(path);
  DIR* dir = ::opendir(full.c_str());
  if (dir == nullptr) {
    int err = errno;
    std::vector<std::string> indexed;
    AddIndexedLinks(path, &indexed);
    if (!indexed.empty()) return indexed;
    return Unreadable(OsError("cannot list", full, err), err);
  }
  std::vector<std::string> names;
  while (names.size() < max_entries) {
    const dirent* e = ::readdir(dir);
    if (e == nullptr) break;
    std::string_view name = e->d_name;
    if (name != "." && name != "..") names.emplace_back(name);
  }
  ::closedir(dir);
  std::sort(names.begin(), names.end());
  AddIndexedLinks(path, &names);
  return names;
}

Result<std::string> RealFileSystem::ReadLink(std::string_view path) const {
  if (auto it = links_.find(std::string(TrimSlashes(path))); it != links_.end())
    return it->second;
  std::string full = Join(path);
  char buf[4096];
  ssize_t n = ::readlink(full.c_str(), buf, sizeof buf);
  if (n < 0) {
    int err = errno;
    if (err == EINVAL) {
      return Status::InvalidArgument(fmt::format("not a link: {}", full));
    }
    return OsError("cannot read link", full, err);
  }
  return std::string(buf, static_cast<std::size_t>(n));
}

bool RealFileSystem::Exists(std::string_view path) const {
  if (links_.contains(std::string(TrimSlashes(path)))) return true;
  struct stat st {};
  return ::stat(Join(path).c_str(), &st) == 0;
}

}  // namespace amtscope
