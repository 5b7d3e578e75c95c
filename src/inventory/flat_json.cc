#include "inventory/flat_json.h"

#include <limits>

namespace amtscope {
namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

void FlatJson::SkipSpace() {
  while (pos_ < in_.size() && (in_[pos_] == ' ' || in_[pos_] == '\t' ||
                               in_[pos_] == '\r' || in_[pos_] == '\n')) {
    ++pos_;
  }
}

// A string with the escapes JSON has; a \u escape outside the Basic
// Multilingual Plane's non-surrogates (rare in scan records) is left to the
// full parser.
bool FlatJson::ParseString(std::string* out) {
  out->clear();
  if (pos_ >= in_.size() || in_[pos_] != '"') return false;
  ++pos_;
  while (pos_ < in_.size()) {
    char c = in_[pos_++];
    if (c == '"') return true;
    // Control bytes are invalid JSON; non-ASCII bytes go to nlohmann, which
    // checks the UTF-8 (a stored string is printed as JSON again later).
    if (static_cast<unsigned char>(c) < 0x20 ||
        static_cast<unsigned char>(c) >= 0x80)
      return false;
    if (c != '\\') {
      out->push_back(c);
      continue;
    }
    if (pos_ >= in_.size()) return false;
    char e = in_[pos_++];
    switch (e) {
      case '"':
      case '\\':
      case '/':
        out->push_back(e);
        break;
      case 'b':
        out->push_back('\b');
        break;
      case 'f':
        out->push_back('\f');
        break;
      case 'n':
        out->push_back('\n');
        break;
      case 'r':
        out->push_back('\r');
        break;
      case 't':
        out->push_back('\t');
        break;
      case 'u': {
        if (pos_ + 4 > in_.size()) return false;
        uint32_t cp = 0;
        for (int i = 0; i < 4; ++i) {
          int d = HexDigit(in_[pos_++]);
          if (d < 0) return false;
          cp = cp << 4 | static_cast<uint32_t>(d);
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) return false;  // surrogates
        AppendUtf8(cp, out);
        break;
      }
      default:
        return false;
    }
  }
  return false;
}

bool FlatJson::ParseInt(int64_t* out) {
  bool negative = pos_ < in_.size() && in_[pos_] == '-';
  if (negative) ++pos_;
  size_t start = pos_;
  // JSON numbers have no leading zeros ("030" is not JSON).
  if (pos_ + 1 < in_.size() && in_[pos_] == '0' && in_[pos_ + 1] >= '0' &&
      in_[pos_ + 1] <= '9')
    return false;
  uint64_t v = 0;
  while (pos_ < in_.size() && in_[pos_] >= '0' && in_[pos_] <= '9') {
    if (v > (std::numeric_limits<uint64_t>::max() - 9) / 10) return false;
    v = v * 10 + static_cast<uint64_t>(in_[pos_++] - '0');
  }
  if (pos_ == start ||
      v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
    return false;
  if (pos_ < in_.size() &&
      (in_[pos_] == '.' || in_[pos_] == 'e' || in_[pos_] == 'E'))
    return false;  // a float: the full parser decides
  *out = negative ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
  return true;
}

bool FlatJson::ParseValue(Field* f) {
  if (pos_ >= in_.size()) return false;
  char c = in_[pos_];
  auto literal = [this](std::string_view word) {
    if (in_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  };
  if (c == '"') {
    f->kind = Kind::kString;
    return ParseString(&f->text);
  }
  if (c == 't' || c == 'f') {
    f->kind = Kind::kBool;
    f->number = c == 't';
    return literal(c == 't' ? "true" : "false");
  }
  if (c == 'n') {
    f->kind = Kind::kNull;
    return literal("null");
  }
  if (c == '-' || (c >= '0' && c <= '9')) {
    f->kind = Kind::kInt;
    return ParseInt(&f->number);
  }
  if (c != '[') return false;
  f->kind = Kind::kArray;
  f->items.clear();
  ++pos_;
  SkipSpace();
  if (pos_ < in_.size() && in_[pos_] == ']') return ++pos_, true;
  std::string item;
  while (true) {
    SkipSpace();
    if (!ParseString(&item)) return false;
    f->items.push_back(item);
    SkipSpace();
    if (pos_ >= in_.size()) return false;
    if (in_[pos_++] == ']') return true;
    if (in_[pos_ - 1] != ',') return false;
  }
}

bool FlatJson::Parse(std::string_view line) {
  in_ = line;
  pos_ = 0;
  count_ = 0;
  SkipSpace();
  if (pos_ >= in_.size() || in_[pos_++] != '{') return false;
  SkipSpace();
  if (pos_ < in_.size() && in_[pos_] == '}') {
    ++pos_;
  } else {
    while (true) {
      if (count_ == fields_.size()) fields_.emplace_back();
      Field& f = fields_[count_];
      SkipSpace();
      if (!ParseString(&f.key)) return false;
      SkipSpace();
      if (pos_ >= in_.size() || in_[pos_++] != ':') return false;
      SkipSpace();
      if (!ParseValue(&f)) return false;
      ++count_;
      SkipSpace();
      if (pos_ >= in_.size()) return false;
      char c = in_[pos_++];
      if (c == '}') break;
      if (c != ',') return false;
    }
  }
  SkipSpace();
  return pos_ == in_.size();
}

// The last field named `key`, as nlohmann keeps the last of duplicates.
const FlatJson::Field* FlatJson::Find(std::string_view key) const {
  for (size_t i = count_; i-- > 0;) {
    if (fields_[i].key == key) return &fields_[i];
  }
  return nullptr;
}

std::optional<std::string_view> FlatJson::String(std::string_view key) const {
  const Field* f = Find(key);
  if (f == nullptr || f->kind != Kind::kString) return std::nullopt;
  return std::string_view(f->text);
}

std::optional<int64_t> FlatJson::Int(std::string_view key) const {
  const Field* f = Find(key);
  if (f == nullptr || f->kind != Kind::kInt) return std::nullopt;
  return f->number;
}

std::optional<bool> FlatJson::Bool(std::string_view key) const {
  const Field* f = Find(key);
  if (f == nullptr || f->kind != Kind::kBool) return std::nullopt;
  return f->number != 0;
}

std::vector<std::string> FlatJson::Strings(std::string_view key) const {
  const Field* f = Find(key);
  if (f == nullptr || f->kind != Kind::kArray) return {};
  return f->items;
}

}  // namespace amtscope
