#include "local/file_system.h"

namespace amtscope {

std::string_view TrimValue(std::string_view s) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0';
  };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

RealFileSystem::RealFileSystem(std::string root) : root_(std::move(root)) {
  if (root_.empty()) root_ = "/";
  if (root_.back() != '/') root_ += '/';
}

std::string RealFileSystem::Join(std::string_view path) const {
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  return root_ + std::string(path);
}

std::string RealFileSystem::Display(std::string_view path) const {
  return Join(path);
}

}  // namespace amtscope
