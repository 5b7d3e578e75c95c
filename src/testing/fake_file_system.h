// FakeFileSystem: an in-memory FileSystem for the `check` tests (test-only,
// linked from amtscope_testing, never into the amtscope binary).
#ifndef AMTSCOPE_TESTING_FAKE_FILE_SYSTEM_H_
#define AMTSCOPE_TESTING_FAKE_FILE_SYSTEM_H_

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "local/file_system.h"

namespace amtscope {

/// An in-memory tree for unit tests: files by path, directories implied.
class FakeFileSystem : public FileSystem {
 public:
  /// Adds (or replaces) a file; its parent directories come into being.
  void AddFile(std::string path, std::string contents);
  /// Adds (or replaces) a symbolic link to `target` ("socket:[31337]").
  void AddLink(std::string path, std::string target);
  Result<std::string> ReadFile(std::string_view path,
                               std::size_t max_bytes = 1 << 20) const override;
  Result<std::vector<std::string>> ListDir(
      std::string_view path,
      std::size_t max_entries = kMaxDirEntries) const override;
  Result<std::string> ReadLink(std::string_view path) const override;
  bool Exists(std::string_view path) const override;
  std::string Display(std::string_view path) const override;

 private:
  struct Entry {
    std::string contents;  // a file's bytes or a link's target
    bool link = false;
  };
  std::map<std::string, Entry, std::less<>> files_;
};

}  // namespace amtscope

#endif  // AMTSCOPE_TESTING_FAKE_FILE_SYSTEM_H_
