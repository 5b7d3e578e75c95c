// Target files (-iL, --excludefile): nmap lists, masscan -oL, zmap output.
#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/bounded_file.h"
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
// time); docs/scan-performance.md §1.1 "Output".
bool IsMasscanLine(const std::vector<std::string_view>& f) {
  return f.size() >= 4 &&
         (f[0] == "open" || f[0] == "closed" || f[0] == "banner") &&
         (f[1] == "tcp" || f[1] == "udp" || f[1] == "sctp");
}

// One line at a time, so a target file is streamed (a zmap header sets the
// column of the lines after it).
class TargetLineParser {
 public:
  void Add(std::string_view raw, std::vector<std::string>* out) {
    std::string_view line = StripComment(raw);
    auto words = Fields(line, " \t\r");
    if (words.empty()) return;
    if (IsMasscanLine(words)) {
      if (words[0] != "closed") out->emplace_back(words[3]);
      return;
    }
    auto csv = CsvFields(line);
    if (csv.size() > 1 || line.find("saddr") != std::string_view::npos) {
      for (size_t i = 0; i < csv.size() && saddr_column_ < 0; ++i) {
        auto field = Fields(csv[i], " \t\r\"");
        if (field.size() == 1 && field[0] == "saddr") {
          saddr_column_ = static_cast<int>(i);
        }
      }
      if (saddr_column_ >= 0) {
        if (line.find("saddr") != std::string_view::npos) return;  // header
        if (static_cast<size_t>(saddr_column_) < csv.size()) {
          auto field = Fields(csv[saddr_column_], " \t\r\"");
          if (!field.empty()) out->emplace_back(field[0]);
        }
        return;
      }
    }
    for (auto w : words) out->emplace_back(w);
  }

 private:
  int saddr_column_ = -1;  // set by a zmap CSV header
};

}  // namespace

std::vector<std::string> ParseTargetLines(std::string_view text) {
  std::vector<std::string> out;
  TargetLineParser parser;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // BOM
  while (!text.empty()) {
    size_t nl = text.find('\n');
    parser.Add(text.substr(0, nl), &out);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
  }
  return out;
}

Result<std::vector<std::string>> ReadTargetFile(const std::string& path) {
  std::string name = fmt::format("target file '{}'", Excerpt(path, 200));
  std::FILE* in = path == "-" ? stdin : std::fopen(path.c_str(), "rbe");
  if (in == nullptr) {
    return Status::NotFound(
        fmt::format("cannot read {}: {}", name, std::strerror(errno)),
        "check the path; use - to read targets from stdin");
  }
  struct stat st {};
  if (::fstat(fileno(in), &st) == 0 && S_ISDIR(st.st_mode)) {
    if (in != stdin) std::fclose(in);
    return Status::InvalidArgument(
        fmt::format("{} is a directory", name),
        "give a file with one target per line (-iL FILE, - for stdin)");
  }
  std::vector<std::string> out;
  TargetLineParser parser;
  Status st_read =
      ForEachLine(in, name, kMaxTargetLineBytes,
                  [&](std::string_view line, size_t line_no) -> Status {
                    parser.Add(line, &out);
                    if (out.size() > kMaxTargetFileEntries) {
                      return Status::InvalidArgument(
                          fmt::format("{} has more than {} entries (line {})",
                                      name, kMaxTargetFileEntries, line_no),
                          "use CIDR blocks or ranges, or split the list");
                    }
                    return Status::Ok();
                  });
  if (in != stdin) std::fclose(in);
  AMTSCOPE_RETURN_IF_ERROR(st_read);
  return out;
}

}  // namespace amtscope
