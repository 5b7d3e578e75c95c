#include "local/smbios.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace amtscope {

namespace {

constexpr std::size_t kMaxStrings = 255;
constexpr std::size_t kMaxStringBytes = 4096;
constexpr std::uint8_t kEndOfTable = 127;

// Every string-index field of the types a capture keeps (DMTF DSP0134 §7.1-7.3;
// the same offsets the kernel's drivers/firmware/dmi-id.c reads,
// docs/windows.md §3).
struct StringField {
  std::uint8_t type;
  std::size_t offset;
  bool is_private;  // serial numbers and asset tags never leave the machine
};
constexpr std::array<StringField, 15> kStringFields = {{
    {0, 0x04, false},  // BIOS vendor
    {0, 0x05, false},  // BIOS version
    {0, 0x08, false},  // BIOS release date
    {1, 0x04, false},  // system manufacturer (sys_vendor)
    {1, 0x05, false},  // product name
    {1, 0x06, false},  // product version
    {1, 0x07, true},   // system serial number
    {1, 0x19, false},  // SKU number (SMBIOS 2.4+)
    {1, 0x1A, false},  // family (SMBIOS 2.4+)
    {2, 0x04, false},  // board manufacturer
    {2, 0x05, false},  // board product
    {2, 0x06, false},  // board version
    {2, 0x07, true},   // board serial number
    {2, 0x08, true},   // board asset tag
    {2, 0x0A, false},  // location in chassis
}};
constexpr std::size_t kUuidOffset = 0x08;  // type 1, 16 bytes
constexpr std::size_t kUuidSize = 16;

// The strings after a formatted area: NUL-terminated, ended by an empty
// string ("\0\0" when there are none). Returns the offset after them.
Result<std::size_t> ParseStrings(std::span<const std::uint8_t> table,
                                 std::size_t pos, SmbiosStructure* out) {
  if (pos + 1 < table.size() && table[pos] == 0 && table[pos + 1] == 0)
    return pos + 2;
  while (pos < table.size()) {
    const auto* start = table.data() + pos;
    const auto* nul = static_cast<const std::uint8_t*>(
        std::memchr(start, 0, table.size() - pos));
    if (nul == nullptr) break;
    std::size_t len = static_cast<std::size_t>(nul - start);
    if (len == 0) return pos + 1;  // the empty string ends the set
    if (out->strings.size() < kMaxStrings) {
      out->strings.emplace_back(reinterpret_cast<const char*>(start),
                                std::min(len, kMaxStringBytes));
    }
    pos += len + 1;
  }
  return Status::Corruption(
      fmt::format("SMBIOS structure type {} at handle {:#06x}: string set "
                  "runs past the end of the table",
                  out->type, out->handle),
      "the firmware table is truncated");
}

bool Wanted(std::uint8_t type) { return type <= 2; }

void AppendString(std::vector<std::uint8_t>* out, const std::string& s) {
  out->insert(out->end(), s.begin(), s.end());
  out->push_back(0);
}

}  // namespace

std::uint8_t SmbiosStructure::Byte(std::size_t offset) const {
  return offset < formatted.size() ? formatted[offset] : 0;
}

std::string SmbiosStructure::String(std::size_t offset) const {
  std::uint8_t index = Byte(offset);
  if (index == 0 || index > strings.size()) return {};
  return strings[index - 1];
}

Result<std::vector<SmbiosStructure>> ParseSmbiosTable(
    std::span<const std::uint8_t> table,
    std::vector<SmbiosStructure>* partial) {
  std::vector<SmbiosStructure> out;
  if (table.size() > kMaxSmbiosTable) table = table.first(kMaxSmbiosTable);
  std::size_t pos = 0;
  while (pos + 4 <= table.size() && out.size() < kMaxSmbiosStructures) {
    SmbiosStructure s;
    s.type = table[pos];
    const std::size_t length = table[pos + 1];
    s.handle = static_cast<std::uint16_t>(table[pos + 2] | table[pos + 3] << 8);
    if (length < 4 || pos + length > table.size()) {
      if (partial != nullptr) *partial = std::move(out);
      return Status::Corruption(
          fmt::format("SMBIOS structure at byte {} has length {} (table of {} "
                      "bytes)",
                      pos, length, table.size()),
          "the firmware table is truncated");
    }
    s.formatted.assign(
        table.begin() + static_cast<std::ptrdiff_t>(pos),
        table.begin() + static_cast<std::ptrdiff_t>(pos + length));
    auto next = ParseStrings(table, pos + length, &s);
    if (!next.ok()) {
      if (partial != nullptr) *partial = std::move(out);
      return next.status();
    }
    pos = *next;
    const bool end = s.type == kEndOfTable;
    out.push_back(std::move(s));
    if (end) break;
  }
  return out;
}

Result<std::span<const std::uint8_t>> RawSmbiosTable(
    std::span<const std::uint8_t> raw) {
  constexpr std::size_t kHeader = 8;
  if (raw.size() < kHeader) {
    return Status::Corruption(
        fmt::format("RawSMBIOSData of {} bytes has no header", raw.size()));
  }
  const std::size_t length = static_cast<std::size_t>(raw[4]) |
                             static_cast<std::size_t>(raw[5]) << 8 |
                             static_cast<std::size_t>(raw[6]) << 16 |
                             static_cast<std::size_t>(raw[7]) << 24;
  if (length > raw.size() - kHeader) {
    return Status::Corruption(
        fmt::format("RawSMBIOSData says {} table bytes but holds {}", length,
                    raw.size() - kHeader));
  }
  return raw.subspan(kHeader, length);
}

DmiFacts DmiFromSmbios(const std::vector<SmbiosStructure>& structures) {
  DmiFacts d;
  // The first structure of each type, like the kernel's dmi_scan.
  auto first = [&](std::uint8_t type) -> const SmbiosStructure* {
    for (const SmbiosStructure& s : structures) {
      if (s.type == type) return &s;
    }
    return nullptr;
  };
  if (const SmbiosStructure* bios = first(0)) {
    d.bios_vendor = CleanDmiValue(bios->String(0x04));
    d.bios_version = CleanDmiValue(bios->String(0x05));
    d.bios_date = CleanDmiValue(bios->String(0x08));
  }
  if (const SmbiosStructure* sys = first(1)) {
    d.sys_vendor = CleanDmiValue(sys->String(0x04));
    d.product_name = CleanDmiValue(sys->String(0x05));
    d.product_version = CleanDmiValue(sys->String(0x06));
    d.product_sku = CleanDmiValue(sys->String(0x19));
    d.product_family = CleanDmiValue(sys->String(0x1A));
  }
  if (const SmbiosStructure* board = first(2)) {
    d.board_vendor = CleanDmiValue(board->String(0x04));
    d.board_name = CleanDmiValue(board->String(0x05));
  }
  DeriveVendorModel(&d);
  return d;
}

std::vector<std::uint8_t> SanitizedSmbiosTable(
    const std::vector<SmbiosStructure>& structures) {
  std::vector<std::uint8_t> out;
  for (const SmbiosStructure& s : structures) {
    if (!Wanted(s.type)) continue;
    std::vector<std::uint8_t> formatted = s.formatted;
    std::vector<std::string> kept;
    for (std::size_t off = 4; off < formatted.size(); ++off) {
      auto field = std::find_if(kStringFields.begin(), kStringFields.end(),
                                [&](const StringField& f) {
                                  return f.type == s.type && f.offset == off;
                                });
      if (field == kStringFields.end()) continue;
      std::string text = s.String(off);
      if (field->is_private || text.empty()) {
        formatted[off] = 0;
        continue;
      }
      kept.push_back(std::move(text));
      formatted[off] = static_cast<std::uint8_t>(kept.size());
    }
    if (s.type == 1 && formatted.size() >= kUuidOffset + kUuidSize) {
      std::fill_n(formatted.begin() + kUuidOffset, kUuidSize, 0);
    }
    out.insert(out.end(), formatted.begin(), formatted.end());
    for (const std::string& text : kept) AppendString(&out, text);
    if (kept.empty()) out.push_back(0);
    out.push_back(0);
  }
  // End-of-table structure (type 127, length 4).
  for (std::uint8_t b : {kEndOfTable, std::uint8_t{4}, std::uint8_t{0xFE},
                         std::uint8_t{0xFF}, std::uint8_t{0}, std::uint8_t{0}})
    out.push_back(b);
  return out;
}

}  // namespace amtscope
