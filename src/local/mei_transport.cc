#include "local/mei_transport.h"

#include <fmt/format.h>

#include <utility>

namespace amtscope {

namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Result<MeiUuid> MeiUuid::Parse(std::string_view text) {
  MeiUuid out;
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '-' && (i == 8 || i == 13 || i == 18 || i == 23)) continue;
    int hi = HexDigit(text[i]);
    int lo = i + 1 < text.size() ? HexDigit(text[i + 1]) : -1;
    if (hi < 0 || lo < 0 || n == 16) {
      return Status::InvalidArgument(
          fmt::format("malformed UUID \"{}\"", text));
    }
    out.bytes[n++] = static_cast<std::uint8_t>(hi << 4 | lo);
    ++i;
  }
  if (n != 16 || text.size() != 36) {
    return Status::InvalidArgument(fmt::format("malformed UUID \"{}\"", text));
  }
  return out;
}

std::array<std::uint8_t, 16> MeiUuid::LeBytes() const {
  std::array<std::uint8_t, 16> le = bytes;
  std::swap(le[0], le[3]);  // u32 time_low
  std::swap(le[1], le[2]);
  std::swap(le[4], le[5]);  // u16 time_mid
  std::swap(le[6], le[7]);  // u16 time_hi
  return le;
}

std::string MeiUuid::ToString() const {
  std::string hex = ToHex(bytes);
  return fmt::format("{}-{}-{}-{}-{}", hex.substr(0, 8), hex.substr(8, 4),
                     hex.substr(12, 4), hex.substr(16, 4), hex.substr(20));
}

const MeiUuid& AmthiUuid() {
  static const MeiUuid uuid =
      MeiUuid::Parse("12f80028-b4b7-4b2d-aca8-46e0ff65814c").value();
  return uuid;
}

const MeiUuid& MkhiUuid() {
  static const MeiUuid uuid =
      MeiUuid::Parse("8e6a6715-9abc-4043-88ef-9e39c6f63e0f").value();
  return uuid;
}

std::string_view ToString(MeiStatus status) {
  switch (status) {
    case MeiStatus::kOk:
      return "ok";
    case MeiStatus::kNoDevice:
      return "no-device";
    case MeiStatus::kNeedsRoot:
      return "needs-root";
    case MeiStatus::kNoSuchClient:
      return "no-such-client";
    case MeiStatus::kBusy:
      return "busy";
    case MeiStatus::kIoError:
      break;
  }
  return "io-error";
}

std::string ToHex(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (std::uint8_t b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0xF];
  }
  return out;
}

Result<std::vector<std::uint8_t>> FromHex(std::string_view hex) {
  if (hex.size() % 2 != 0)
    return Status::Corruption("odd number of hex digits");
  std::vector<std::uint8_t> out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int hi = HexDigit(hex[i]), lo = HexDigit(hex[i + 1]);
    if (hi < 0 || lo < 0) return Status::Corruption("not a hex digit");
    out.push_back(static_cast<std::uint8_t>(hi << 4 | lo));
  }
  return out;
}

}  // namespace amtscope
