// RealFileSystem on Windows: std::filesystem under the root. The live
// machine has no sys/ or proc/ (every fact there is absent); a tree captured
// on Linux or Windows (`check --root DIR`) is read the same way as on Linux.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "local/file_system.h"

namespace amtscope {

namespace {

namespace stdfs = std::filesystem;

bool IsAbsent(const std::error_code& ec) {
  return ec == std::errc::no_such_file_or_directory ||
         ec == std::errc::not_a_directory;
}

Status OsError(std::string_view what, const std::string& path,
               const std::error_code& ec) {
  std::string msg = fmt::format("{} {}: {}", what, path, ec.message());
  if (IsAbsent(ec)) return Status::NotFound(msg);
  if (ec == std::errc::permission_denied) {
    return Status::PermissionDenied(msg, "run as Administrator to read it");
  }
  return Status::IoError(msg);
}

}  // namespace

// Remembers every failure other than "absent" (permissions, a directory
// where a file belongs), like the Linux version.
Status RealFileSystem::Unreadable(Status error, int err) const {
  if (err != 0 && unreadable_.size() < 100) {
    unreadable_.push_back(error.message());
  }
  return error;
}

Result<std::string> RealFileSystem::ReadFile(std::string_view path,
                                             std::size_t max_bytes) const {
  std::string full = Join(path);
  std::error_code ec;
  stdfs::file_status st = stdfs::status(full, ec);
  if (ec || !stdfs::exists(st)) {
    if (!ec) ec = std::make_error_code(std::errc::no_such_file_or_directory);
    return Unreadable(OsError("cannot open", full, ec), IsAbsent(ec) ? 0 : 1);
  }
  if (!stdfs::is_regular_file(st)) {
    return Unreadable(
        Status::IoError(fmt::format("not a regular file: {}", full)), 1);
  }
  std::ifstream in(full, std::ios::binary);
  if (!in) {
    ec = std::make_error_code(std::errc::permission_denied);
    return Unreadable(OsError("cannot open", full, ec), 1);
  }
  std::string out;
  char buf[4096];
  while (out.size() < max_bytes && in) {
    in.read(buf, static_cast<std::streamsize>(
                     std::min(sizeof buf, max_bytes - out.size())));
    out.append(buf, static_cast<std::size_t>(in.gcount()));
  }
  return out;
}

Result<std::vector<std::string>> RealFileSystem::ListDir(
    std::string_view path, std::size_t max_entries) const {
  std::string full = Join(path);
  std::error_code ec;
  stdfs::directory_iterator it(full, ec);
  if (ec) {
    std::vector<std::string> indexed;
    AddIndexedLinks(path, &indexed);
    if (!indexed.empty()) return indexed;
    return Unreadable(OsError("cannot list", full, ec), IsAbsent(ec) ? 0 : 1);
  }
  std::vector<std::string> names;
  for (; it != stdfs::directory_iterator() && names.size() < max_entries;
       it.increment(ec)) {
    names.push_back(it->path().filename().string());
    if (ec) break;
  }
  std::sort(names.begin(), names.end());
  AddIndexedLinks(path, &names);
  return names;
}

Result<std::string> RealFileSystem::ReadLink(std::string_view path) const {
  if (auto it = links_.find(std::string(TrimSlashes(path))); it != links_.end())
    return it->second;
  std::string full = Join(path);
  std::error_code ec;
  stdfs::path target = stdfs::read_symlink(full, ec);
  if (ec) {
    if (IsAbsent(ec)) return OsError("cannot read link", full, ec);
    return Status::InvalidArgument(fmt::format("not a link: {}", full));
  }
  return target.generic_string();
}

bool RealFileSystem::Exists(std::string_view path) const {
  if (links_.contains(std::string(TrimSlashes(path)))) return true;
  std::error_code ec;
  return stdfs::exists(stdfs::symlink_status(Join(path), ec));
}

}  // namespace amtscope
