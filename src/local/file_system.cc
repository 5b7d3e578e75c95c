#include "local/file_system.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

namespace amtscope {

namespace {

bool SafeRelativePath(std::string_view p) {
  if (p.empty() || p.size() > 4096 || p.front() == '/') return false;
  std::size_t start = 0;
  while (start <= p.size()) {
    std::size_t end = p.find('/', start);
    std::string_view part = p.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return true;
}

}  // namespace

std::map<std::string, std::string> ParseLinkIndex(std::string_view text) {
  std::map<std::string, std::string> out;
  while (!text.empty() && out.size() < 4096) {
    std::size_t nl = text.find('\n');
    std::string_view line = TrimValue(text.substr(0, nl));
    text =
        nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (line.empty() || line.starts_with('#')) continue;
    std::size_t space = line.find(' ');
    if (space == std::string_view::npos) continue;
    std::string_view path = line.substr(0, space);
    std::string_view target = TrimValue(line.substr(space + 1));
    if (!SafeRelativePath(path) || target.empty() || target.size() > 4096 ||
        target.find(' ') != std::string_view::npos)
      continue;
    out.emplace(std::string(path), std::string(target));
  }
  return out;
}

std::string_view TrimValue(std::string_view s) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0';
  };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

Result<std::string> EmptyFileSystem::ReadFile(std::string_view path,
                                              std::size_t) const {
  return Status::NotFound(fmt::format("no {} on this system", path));
}

Result<std::vector<std::string>> EmptyFileSystem::ListDir(std::string_view path,
                                                          std::size_t) const {
  return Status::NotFound(fmt::format("no {} on this system", path));
}

Result<std::string> EmptyFileSystem::ReadLink(std::string_view path) const {
  return Status::NotFound(fmt::format("no {} on this system", path));
}

std::string_view TrimSlashes(std::string_view path) {
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  return path;
}

RealFileSystem::RealFileSystem(std::string root) : root_(std::move(root)) {
  if (root_.empty()) root_ = "/";
  if (root_.back() != '/') root_ += '/';
  if (root_ == "/") return;  // the live machine has real links only
  std::ifstream in(Join(kLinkIndexFile), std::ios::binary);
  if (!in) return;
  std::string text(size_t{64} * 1024, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  links_ = ParseLinkIndex(text);
}

void RealFileSystem::AddIndexedLinks(std::string_view dir,
                                     std::vector<std::string>* names) const {
  if (links_.empty()) return;
  std::string prefix(dir);
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  if (!prefix.empty()) prefix += '/';
  bool added = false;
  for (auto it = links_.lower_bound(prefix);
       it != links_.end() && it->first.starts_with(prefix); ++it) {
    std::string_view name = std::string_view(it->first).substr(prefix.size());
    if (name.find('/') != std::string_view::npos) continue;
    names->emplace_back(name);
    added = true;
  }
  if (!added) return;
  std::sort(names->begin(), names->end());
  names->erase(std::unique(names->begin(), names->end()), names->end());
}

std::string RealFileSystem::Join(std::string_view path) const {
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  return root_ + std::string(path);
}

std::string RealFileSystem::Display(std::string_view path) const {
  return Join(path);
}

}  // namespace amtscope
