#include "core/firmware_version.h"

#include <fmt/format.h>

#include <array>
#include <charconv>

#include "core/strings.h"

namespace amtscope {

namespace {

constexpr int kMaxPart = 65535;  // ME version fields are 16-bit (MKHI layout)

Status Malformed(std::string_view text, std::string_view why) {
  return Status::InvalidArgument(
      fmt::format("malformed firmware version \"{}\": {}", text, why),
      "give it as MAJOR.MINOR.HOTFIX[.BUILD], e.g. 8.1.71 or 11.0.25.3001");
}

// Rewrites "9.5.35-build 1862" as "9.5.35.1862" and drops a sysfs "N:" prefix.
std::string Normalize(std::string_view s) {
  if (auto colon = s.find(':'); colon != std::string_view::npos) {
    s.remove_prefix(colon + 1);
  }
  std::string out(s);
  if (auto pos = out.find("-build"); pos != std::string::npos) {
    std::string_view rest = Trim(std::string_view(out).substr(pos + 6));
    out = out.substr(0, pos) + "." + std::string(rest);
  }
  return out;
}

}  // namespace

FirmwareVersion::FirmwareVersion(int major, int minor, int hotfix,
                                 std::optional<int> build)
    : parts_(build ? 4 : 3),
      major_(major),
      minor_(minor),
      hotfix_(hotfix),
      build_(build.value_or(0)) {}

Result<FirmwareVersion> FirmwareVersion::Parse(std::string_view text) {
  std::string_view trimmed = Trim(text);
  if (trimmed.empty() || trimmed == "AMT") return FirmwareVersion();
  std::string norm = Normalize(trimmed);
  std::array<int, 4> v{};
  int n = 0;
  const char* p = norm.data();
  const char* end = norm.data() + norm.size();
  while (true) {
    if (n == 4) return Malformed(text, "more than four parts");
    auto [next, ec] = std::from_chars(p, end, v[n]);
    if (ec != std::errc() || next == p)
      return Malformed(text, "expected a number");
    if (v[n] < 0 || v[n] > kMaxPart)
      return Malformed(text, "part out of range");
    ++n;
    p = next;
    if (p == end) break;
    if (*p != '.') return Malformed(text, "unexpected character");
    ++p;
  }
  if (n < 2) return Malformed(text, "needs at least MAJOR.MINOR");
  FirmwareVersion out;
  out.parts_ = n;
  out.major_ = v[0];
  out.minor_ = v[1];
  out.hotfix_ = v[2];
  out.build_ = v[3];
  return out;
}

bool FirmwareVersion::SameLine(const FirmwareVersion& other) const {
  return known() && other.known() && major_ == other.major_ &&
         minor_ == other.minor_;
}

VersionOrder FirmwareVersion::Compare(const FirmwareVersion& other) const {
  if (!known() || !other.known()) return VersionOrder::kUnknown;
  auto order = [](int a, int b) {
    return a < b ? VersionOrder::kLess : VersionOrder::kGreater;
  };
  if (major_ != other.major_) return order(major_, other.major_);
  if (minor_ != other.minor_) return order(minor_, other.minor_);
  if (parts_ < 3 || other.parts_ < 3) return VersionOrder::kAmbiguous;
  if (hotfix_ != other.hotfix_) return order(hotfix_, other.hotfix_);
  if (!has_build() || !other.has_build()) {
    return has_build() == other.has_build() ? VersionOrder::kEqual
                                            : VersionOrder::kAmbiguous;
  }
  if (build_ != other.build_) return order(build_, other.build_);
  return VersionOrder::kEqual;
}

std::string FirmwareVersion::ToString() const {
  switch (parts_) {
    case 0:
      return "";
    case 2:
      return fmt::format("{}.{}", major_, minor_);
    case 3:
      return fmt::format("{}.{}.{}", major_, minor_, hotfix_);
    default:
      return fmt::format("{}.{}.{}.{}", major_, minor_, hotfix_, build_);
  }
}

std::string_view ToString(VersionOrder order) {
  switch (order) {
    case VersionOrder::kLess:
      return "less";
    case VersionOrder::kEqual:
      return "equal";
    case VersionOrder::kGreater:
      return "greater";
    case VersionOrder::kAmbiguous:
      return "ambiguous";
    case VersionOrder::kUnknown:
      break;
  }
  return "unknown";
}

}  // namespace amtscope
