// FileSystem: read-only access to sys/, proc/, etc/, run/ under a root, so a
// captured machine can be checked like the live one and tests run in memory
// (testing/fake_file_system.h).
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
  /// ListDir's default bound on the names returned.
  static constexpr std::size_t kMaxDirEntries = 1 << 16;
  virtual ~FileSystem() = default;
  /// Contents of a regular file, at most `max_bytes` (sysfs/proc files are
  /// small; a huge or endless file is cut, never read whole).
  virtual Result<std::string> ReadFile(std::string_view path,
                                       std::size_t max_bytes = 1
                                                               << 20) const = 0;
  /// Names in a directory (no "." / ".."), sorted; at most `max_entries`
  /// of them (a /proc/PID/fd may hold millions).
  virtual Result<std::vector<std::string>> ListDir(
      std::string_view path,
      std::size_t max_entries = kMaxDirEntries) const = 0;
  /// Target of a symbolic link ("socket:[31337]" for /proc/PID/fd/N), cut at
  /// 4096 bytes; NotFound when absent, InvalidArgument when not a link.
  virtual Result<std::string> ReadLink(std::string_view path) const = 0;
  /// True when something exists at `path`.
  virtual bool Exists(std::string_view path) const = 0;
  /// What to show the user for `path` ("/sys/class/mei/mei0/fw_ver").
  virtual std::string Display(std::string_view path) const = 0;
};

/// The file a captured tree lists its symbolic links in ("path target" per
/// line), so a tree read where the links did not survive (wine hides
/// dangling links; a Windows copy may drop them) still has them.
inline constexpr std::string_view kLinkIndexFile = "amtscope-links.txt";

/// Parses a link index: "proc/1093/fd/7 socket:[31337]" lines ('#'
/// comments); paths relative without "..", at most 4096 entries; malformed
/// lines are skipped.
std::map<std::string, std::string> ParseLinkIndex(std::string_view text);

/// The real file system seen from `root` ("/" for the live machine). A tree
/// (root other than "/") with an amtscope-links.txt also answers ListDir,
/// ReadLink and Exists for the links it lists.
class RealFileSystem : public FileSystem {
 public:
  explicit RealFileSystem(std::string root);
  Result<std::string> ReadFile(std::string_view path,
                               std::size_t max_bytes = 1 << 20) const override;
  Result<std::vector<std::string>> ListDir(
      std::string_view path,
      std::size_t max_entries = kMaxDirEntries) const override;
  Result<std::string> ReadLink(std::string_view path) const override;
  bool Exists(std::string_view path) const override;
  std::string Display(std::string_view path) const override;
  const std::string& root() const { return root_; }
  /// Files that exist but could not be read ("path: reason"), in the order
  /// tried: a captured tree reports them instead of calling them absent.
  const std::vector<std::string>& unreadable() const { return unreadable_; }

 private:
  std::string Join(std::string_view path) const;
  Status Unreadable(Status error, int err) const;
  /// Adds the indexed links directly inside `dir` to `names` (sorted, unique).
  void AddIndexedLinks(std::string_view dir,
                       std::vector<std::string>* names) const;
  std::string root_;
  std::map<std::string, std::string> links_;  // from kLinkIndexFile
  mutable std::vector<std::string> unreadable_;
};

/// A file system with nothing in it: the live Windows machine, which has no
/// sys/ or proc/ (every fact there is absent).
class EmptyFileSystem : public FileSystem {
 public:
  Result<std::string> ReadFile(std::string_view path,
                               std::size_t max_bytes = 1 << 20) const override;
  Result<std::vector<std::string>> ListDir(
      std::string_view path,
      std::size_t max_entries = kMaxDirEntries) const override;
  Result<std::string> ReadLink(std::string_view path) const override;
  bool Exists(std::string_view) const override { return false; }
  std::string Display(std::string_view path) const override {
    return std::string(path);
  }
};

/// `path` without leading and trailing '/' ("/proc/1/" → "proc/1").
std::string_view TrimSlashes(std::string_view path);

/// Drops surrounding whitespace and newlines (sysfs values end in "\n").
std::string_view TrimValue(std::string_view s);

}  // namespace amtscope

#endif  // AMTSCOPE_LOCAL_FILE_SYSTEM_H_
