#include "core/text_escape.h"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>

namespace amtscope {

namespace {

// Length of the valid UTF-8 sequence at text[i], or 0 when invalid.
size_t Utf8Length(std::string_view text, size_t i) {
  auto c = static_cast<unsigned char>(text[i]);
  size_t len = c < 0x80         ? 1
               : (c >> 5) == 6  ? 2
               : (c >> 4) == 14 ? 3
               : (c >> 3) == 30 ? 4
                                : 0;
  if (len == 0 || i + len > text.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) >> 6) != 2) return 0;
  }
  uint32_t cp = len == 1 ? c : c & (0x7f >> len);
  for (size_t k = 1; k < len; ++k) cp = cp << 6 | (text[i + k] & 0x3f);
  static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
    return 0;
  return len;
}

bool IsControl(unsigned char c) { return c < 0x20 || c == 0x7f; }

std::string Hex(unsigned char c) { return fmt::format("\\x{:02x}", c); }

}  // namespace

std::string SanitizeUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t len = Utf8Length(text, i);
    if (len == 0) {
      out += "\xef\xbf\xbd";
      ++i;
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::string PrintableLine(std::string_view text) {
  std::string out;
  for (char c : SanitizeUtf8(text)) {
    if (IsControl(static_cast<unsigned char>(c))) {
      out += Hex(static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  return out;
}

std::string TerminalText(std::string_view text) {
  std::string out;
  for (char c : SanitizeUtf8(text)) {
    if (c != '\n' && c != '\t' && IsControl(static_cast<unsigned char>(c))) {
      out += Hex(static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  return out;
}

std::string XmlEscape(std::string_view text) {
  std::string out;
  for (char c : SanitizeUtf8(text)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\n':
        out += "&#xa;";
        break;
      case '\r':
        out += "&#xd;";
        break;
      case '\t':
        out += "&#x9;";
        break;
      default:
        if (IsControl(static_cast<unsigned char>(c))) {
          out += Hex(static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string CsvField(std::string_view text) {
  std::string clean;
  bool quote = !text.empty() && (text.front() == ' ' || text.back() == ' ');
  for (char c : SanitizeUtf8(text)) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"') {
      clean += "\"\"";
      quote = true;
    } else if (c == ',' || c == '\n' || c == '\r') {
      clean += c;
      quote = true;
    } else if (IsControl(u) && c != '\t') {
      clean += Hex(u);
    } else {
      clean += c;
    }
  }
  return quote ? "\"" + clean + "\"" : clean;
}

namespace {

// gmtime_r on POSIX; the Windows CRT has gmtime_s with the arguments swapped.
std::tm UtcTm(std::time_t secs) {
  std::tm tm{};
#ifdef _WIN32
  gmtime_s(&tm, &secs);
#else
  gmtime_r(&secs, &tm);
#endif
  return tm;
}

}  // namespace

std::string Rfc3339(std::chrono::system_clock::time_point time) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                time.time_since_epoch())
                .count();
  auto secs = static_cast<std::time_t>(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
  std::tm tm = UtcTm(secs);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
                     tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                     tm.tm_min, tm.tm_sec, ((ms % 1000) + 1000) % 1000);
}

long long UnixSeconds(std::chrono::system_clock::time_point time) {
  return std::chrono::duration_cast<std::chrono::seconds>(
             time.time_since_epoch())
      .count();
}

std::string CtimeUtc(std::chrono::system_clock::time_point time) {
  std::time_t secs = UnixSeconds(time);
  std::tm tm = UtcTm(secs);
  // "%e" (space-padded day) is not in the Windows CRT: the day by hand.
  char head[32];
  char tail[32];
  std::strftime(head, sizeof head, "%a %b", &tm);
  std::strftime(tail, sizeof tail, "%H:%M:%S %Y", &tm);
  return fmt::format("{} {:>2} {}", head, tm.tm_mday, tail);
}

size_t DisplayWidth(std::string_view text) {
  return static_cast<size_t>(std::count_if(
      text.begin(), text.end(),
      [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string CutToWidth(std::string_view text, size_t columns) {
  if (DisplayWidth(text) <= columns) return std::string(text);
  if (columns == 0) return "";
  std::string out;
  size_t kept = 0;
  for (char c : text) {
    bool lead = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (lead && kept == columns - 1) break;
    if (lead) ++kept;
    out += c;
  }
  return out + "\xe2\x80\xa6";  // "…"
}

}  // namespace amtscope
