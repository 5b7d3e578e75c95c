#include "local/amthi.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdlib>

namespace amtscope {

namespace {

constexpr std::size_t kHeader = 12;
constexpr std::size_t kBiosLen = 65;
constexpr std::size_t kEntry = 44;  // {u16 len; char[20]; u16 len; char[20]}
constexpr std::size_t kMaxEntries = 50;

std::uint32_t U32(std::span<const std::uint8_t> b, std::size_t at) {
  return static_cast<std::uint32_t>(b[at]) |
         static_cast<std::uint32_t>(b[at + 1]) << 8 |
         static_cast<std::uint32_t>(b[at + 2]) << 16 |
         static_cast<std::uint32_t>(b[at + 3]) << 24;
}
void PutU32(std::vector<std::uint8_t>* out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back((v >> (8 * i)) & 0xFF);
}

// A length-prefixed string field: u16 len then a 20-byte buffer.
std::string Field(std::span<const std::uint8_t> b, std::size_t at) {
  std::size_t len = std::min<std::size_t>(b[at] | b[at + 1] << 8, 20);
  std::string out;
  for (std::size_t i = 0; i < len; ++i) {
    char c = static_cast<char>(b[at + 2 + i]);
    if (c == '\0') break;
    out += (c >= 0x20 && c < 0x7F) ? c : '?';
  }
  return out;
}

void PutField(std::vector<std::uint8_t>* out, std::string_view s) {
  std::size_t len = std::min<std::size_t>(s.size(), 20);
  out->push_back(len & 0xFF);
  out->push_back(0);
  for (std::size_t i = 0; i < 20; ++i) out->push_back(i < len ? s[i] : 0);
}

}  // namespace

std::string CodeVersions::Get(std::string_view desc) const {
  for (const auto& [d, v] : entries) {
    if (d == desc) return v;
  }
  return {};
}

std::optional<FirmwareVersion> CodeVersions::AmtVersion() const {
  auto amt = FirmwareVersion::Parse(Get("AMT"));
  if (!amt.ok() || !amt->known()) return std::nullopt;
  std::string build = Get("Build Number");
  if (build.empty()) return *amt;
  auto full = FirmwareVersion::Parse(Get("AMT") + "." + build);
  return full.ok() ? *full : *amt;
}

std::optional<std::uint32_t> CodeVersions::SkuBits() const {
  std::string sku = Get("Sku");
  if (sku.empty()) return std::nullopt;
  char* end = nullptr;
  unsigned long v = std::strtoul(sku.c_str(), &end, 0);  // like Intel's tool
  if (end == sku.c_str() || *end != '\0' || v > 0xFFFFFFFFul)
    return std::nullopt;
  return static_cast<std::uint32_t>(v);
}

std::vector<std::uint8_t> EncodeAmthiRequest(
    std::uint32_t command, std::span<const std::uint8_t> payload) {
  std::vector<std::uint8_t> out = {1, 1, 0, 0};
  PutU32(&out, command);
  PutU32(&out, static_cast<std::uint32_t>(payload.size()));
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

std::vector<std::uint8_t> EncodeAmthiUnprovision() {
  const std::uint8_t mode_none[4] = {0, 0, 0, 0};
  return EncodeAmthiRequest(kAmthiUnprovision, mode_none);
}

Result<AmthiReply> DecodeAmthiReply(std::span<const std::uint8_t> r,
                                    std::uint32_t request) {
  if (r.size() < kHeader + 4) {
    return Status::Corruption(fmt::format(
        "AMTHI reply is {} bytes, shorter than header + status", r.size()));
  }
  if (r[0] != 1 || r[2] != 0 || r[3] != 0) {
    return Status::Corruption(
        fmt::format("AMTHI reply has version {}.{} / reserved {:02x}{:02x}",
                    r[0], r[1], r[2], r[3]));
  }
  AmthiReply out;
  out.command = U32(r, 4);
  if (out.command != (request | kAmthiResponseBit)) {
    return Status::Corruption(
        fmt::format("AMTHI reply command 0x{:08x}, expected 0x{:08x}",
                    out.command, request | kAmthiResponseBit));
  }
  const std::uint32_t length = U32(r, 8);
  if (length != r.size() - kHeader) {
    return Status::Corruption(fmt::format(
        "AMTHI reply length field {} but {} bytes follow the header", length,
        r.size() - kHeader));
  }
  out.status = U32(r, kHeader);
  out.body.assign(r.begin() + kHeader + 4, r.end());
  return out;
}

std::vector<std::uint8_t> EncodeAmthiReply(std::uint32_t request,
                                           std::uint32_t status,
                                           std::span<const std::uint8_t> body) {
  std::vector<std::uint8_t> out = {1, 1, 0, 0};
  PutU32(&out, request | kAmthiResponseBit);
  PutU32(&out, static_cast<std::uint32_t>(4 + body.size()));
  PutU32(&out, status);
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

Result<CodeVersions> DecodeCodeVersions(std::span<const std::uint8_t> body) {
  // status @12 is already consumed: bios[65] @0, count @65, entries @69.
  if (body.size() < kBiosLen + 4) {
    return Status::Corruption(
        fmt::format("GetCodeVersions body is {} bytes, needs at least {}",
                    body.size(), kBiosLen + 4));
  }
  CodeVersions out;
  for (std::size_t i = 0; i < kBiosLen && body[i] != 0; ++i) {
    char c = static_cast<char>(body[i]);
    out.bios += (c >= 0x20 && c < 0x7F) ? c : '?';
  }
  const std::uint32_t count = U32(body, kBiosLen);
  if (count > kMaxEntries) {
    return Status::Corruption(fmt::format(
        "GetCodeVersions claims {} entries (max {})", count, kMaxEntries));
  }
  if (body.size() < kBiosLen + 4 + count * kEntry) {
    return Status::Corruption(
        fmt::format("GetCodeVersions body is {} bytes, {} entries need {}",
                    body.size(), count, kBiosLen + 4 + count * kEntry));
  }
  for (std::size_t i = 0; i < count; ++i) {
    std::size_t at = kBiosLen + 4 + i * kEntry;
    out.entries.emplace_back(Field(body, at), Field(body, at + 22));
  }
  return out;
}

std::vector<std::uint8_t> EncodeCodeVersionsBody(const CodeVersions& v) {
  std::vector<std::uint8_t> out(kBiosLen, 0);
  for (std::size_t i = 0; i < v.bios.size() && i + 1 < kBiosLen; ++i)
    out[i] = v.bios[i];
  PutU32(&out, static_cast<std::uint32_t>(v.entries.size()));
  for (const auto& [desc, ver] : v.entries) {
    PutField(&out, desc);
    PutField(&out, ver);
  }
  return out;
}

Result<std::uint32_t> DecodeU32Body(std::span<const std::uint8_t> body,
                                    std::string_view what) {
  if (body.size() < 4) {
    return Status::Corruption(
        fmt::format("{} reply body is {} bytes, needs 4", what, body.size()));
  }
  return U32(body, 0);
}

std::string_view ProvisioningStateName(std::uint32_t state) {
  switch (state) {
    case 0:
      return "pre-provisioning";
    case 1:
      return "in-provisioning";
    case 2:
      return "post-provisioning";
    default:
      return "unknown";
  }
}

std::string_view ControlModeName(std::uint32_t mode) {
  switch (mode) {
    case 0:
      return "none";
    case 1:
      return "client-control";
    case 2:
      return "admin-control";
    default:
      return "unknown";
  }
}

}  // namespace amtscope
