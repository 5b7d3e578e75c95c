#include "testing/fake_file_system.h"

#include <fmt/format.h>

namespace amtscope {

void FakeFileSystem::AddFile(std::string path, std::string contents) {
  files_[std::move(path)] = Entry{std::move(contents), false};
}

void FakeFileSystem::AddLink(std::string path, std::string target) {
  files_[std::move(path)] = Entry{std::move(target), true};
}

Result<std::string> FakeFileSystem::ReadFile(std::string_view path,
                                             std::size_t max_bytes) const {
  auto it = files_.find(path);
  if (it == files_.end() || it->second.link) {
    return Status::NotFound(fmt::format("cannot open /{}: no such file", path));
  }
  return it->second.contents.substr(0, max_bytes);
}

Result<std::string> FakeFileSystem::ReadLink(std::string_view path) const {
  auto it = files_.find(path);
  if (it == files_.end()) {
    return Status::NotFound(
        fmt::format("cannot read link /{}: no such file", path));
  }
  if (!it->second.link) {
    return Status::InvalidArgument(fmt::format("not a link: /{}", path));
  }
  return it->second.contents.substr(0, 4096);
}

Result<std::vector<std::string>> FakeFileSystem::ListDir(
    std::string_view path, std::size_t max_entries) const {
  std::string prefix = std::string(path) + "/";
  std::vector<std::string> names;
  for (auto it = files_.lower_bound(prefix);
       it != files_.end() && it->first.starts_with(prefix); ++it) {
    std::string_view rest = std::string_view(it->first).substr(prefix.size());
    std::string name(rest.substr(0, rest.find('/')));
    if (names.empty() || names.back() != name) {
      if (names.size() == max_entries) break;
      names.push_back(name);
    }
  }
  if (names.empty()) {
    return Status::NotFound(
        fmt::format("cannot list /{}: no such directory", path));
  }
  return names;
}

bool FakeFileSystem::Exists(std::string_view path) const {
  if (files_.contains(path)) return true;
  std::string prefix = std::string(path) + "/";
  auto it = files_.lower_bound(prefix);
  return it != files_.end() && it->first.starts_with(prefix);
}

std::string FakeFileSystem::Display(std::string_view path) const {
  return "/" + std::string(path);
}

}  // namespace amtscope
