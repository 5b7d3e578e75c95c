// FileSystem: read-only access to sys/, proc/, etc/, run/ under a root, so a
// captured machine can be checked like the live one and tests run in memory.
#ifndef AMTSCOPE_LOCAL_FILE_SYSTEM_H_
#define AMTSCOPE_LOCAL_FILE_SYSTEM_H_

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace amtscope {

/// Files are named by paths relative to the root ("sys/class/mei").
class FileSystem {
 public:
  virtual ~FileSystem() = default;
  /// Contents of a regular file, at most `max_bytes` (sysfs/proc files are
  /// small; a huge or endless file is cut, never read whole).
  virtual Result<std::string> ReadFile(std::string_view path,
                                       std::size_t max_bytes = 1 << 20) const = 0;
  /// Names in a directory (no "." / ".."), sorted.
  virtual Result<std::vector<std::string>> ListDir(std::string_view path) const = 0;
  /// True when something exists at `path`.
  virtual bool Exists(std::string_view path) const = 0;
  /// What to show the user for `path` ("/sys/class/mei/mei0/fw_ver").
  virtual std::string Display(std::string_view path) const = 0;
};

/// The real file system seen from `root` ("/" for the live machine).
class RealFileSystem : public FileSystem {
 public:
  explicit RealFileSystem(std::string root);
  Result<std::string> ReadFile(std::string_view path,
                               std::size_t max_bytes = 1 << 20) const override;
  Result<std::vector<std::string>> ListDir(std::string_view path) const override;
  bool Exists(std::string_view path) const override;
  std::string Display(std::string_view path) const override;
  const std::string& root() const { return root_; }
  /// Files that exist but could not be read ("path: reason"), in the order
  /// tried: a captured tree reports them instead of calling them absent.
  const std::vector<std::string>& unreadable() const { return unreadable_; }

 private:
  std::string Join(std::string_view path) const;
  Status Unreadable(Status error, int err) const;
  std::string root_;
  mutable std::vector<std::string> unreadable_;
};

/// An in-memory tree for unit tests: files by path, directories implied.
class FakeFileSystem : public FileSystem {
 public:
  /// Adds (or replaces) a file; its parent directories come into being.
  void AddFile(std::string path, std::string contents);
  Result<std::string> ReadFile(std::string_view path,
                               std::size_t max_bytes = 1 << 20) const override;
  Result<std::vector<std::string>> ListDir(std::string_view path) const override;
  bool Exists(std::string_view path) const override;
  std::string Display(std::string_view path) const override;

 private:
  std::map<std::string, std::string, std::less<>> files_;
};

/// Drops surrounding whitespace and newlines (sysfs values end in "\n").
std::string_view TrimValue(std::string_view s);

}  // namespace amtscope

#endif  // AMTSCOPE_LOCAL_FILE_SYSTEM_H_
