// Target files (-iL, --excludefile): nmap lists, masscan -oL, zmap output.
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "net/target_space.h"

namespace amtscope {

namespace {

std::vector<std::string_view> Fields(std::string_view line,
                                     std::string_view seps) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    i = line.find_first_not_of(seps, i);
    if (i == std::string_view::npos) break;
    size_t end = line.find_first_of(seps, i);
    if (end == std::string_view::npos) end = line.size();
    out.push_back(line.substr(i, end - i));
    i = end;
  }
  return out;
}

std::vector<std::string_view> CsvFields(std::string_view line) {
  std::vector<std::string_view> out;
  while (true) {
    size_t comma = line.find(',');
    out.push_back(line.substr(0, comma));
    if (comma == std::string_view::npos) return out;
    line.remove_prefix(comma + 1);
  }
}

std::string_view StripComment(std::string_view line) {
  line = line.substr(0, line.find('#'));
  while (!line.empty() &&
         std::isspace(static_cast<unsigned char>(line.back()))) {
    line.remove_suffix(1);
  }
  return line;
}

// masscan -oL: "open tcp 16992 198.18.0.5 1690000000" (state proto port ip
// time); scan-performance.md §1.1 "Output".
bool IsMasscanLine(const std::vector<std::string_view>& f) {
  return f.size() >= 4 &&
         (f[0] == "open" || f[0] == "closed" || f[0] == "banner") &&
         (f[1] == "tcp" || f[1] == "udp" || f[1] == "sctp");
}

}  // namespace

std::vector<std::string> ParseTargetLines(std::string_view text) {
  std::vector<std::string> out;
  int saddr_column =
      -1;  // set by a zmap CSV header (style-and-ecosystem.md §2a)
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = StripComment(text.substr(0, nl));
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    auto words = Fields(line, " \t\r");
    if (words.empty()) continue;
    if (IsMasscanLine(words)) {
      if (words[0] != "closed") out.emplace_back(words[3]);
      continue;
    }
    auto csv = CsvFields(line);
    if (csv.size() > 1 || line.find("saddr") != std::string_view::npos) {
      for (size_t i = 0; i < csv.size() && saddr_column < 0; ++i) {
        if (Fields(csv[i], " \t\r\"").size() == 1 &&
            Fields(csv[i], " \t\r\"")[0] == "saddr") {
          saddr_column = static_cast<int>(i);
        }
      }
      if (saddr_column >= 0) {
        if (line.find("saddr") != std::string_view::npos)
          continue;  // the header
        if (static_cast<size_t>(saddr_column) < csv.size()) {
          auto field = Fields(csv[saddr_column], " \t\r\"");
          if (!field.empty()) out.emplace_back(field[0]);
        }
        continue;
      }
    }
    for (auto w : words) out.emplace_back(w);
  }
  return out;
}

Result<std::vector<std::string>> ReadTargetFile(const std::string& path) {
  std::stringstream buffer;
  if (path == "-") {
    buffer << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      return Status::NotFound(
          fmt::format("cannot read target file '{}': {}", path,
                      std::strerror(errno)),
          "check the path; use - to read targets from stdin");
    }
    buffer << in.rdbuf();
  }
  return ParseTargetLines(buffer.str());
}

}  // namespace amtscope
