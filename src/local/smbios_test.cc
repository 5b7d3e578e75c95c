// The SMBIOS structure parser, the machine identity read from it, the
// sanitised copy a capture keeps and ReadDmi's order (table, then sysfs).
// Tables are built here from DMTF DSP0134's layouts, not by the code under
// test.
#include "local/smbios.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "testing/fake_file_system.h"

namespace amtscope {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes Structure(std::uint8_t type, std::uint16_t handle, const Bytes& fields,
                const std::vector<std::string>& strings) {
  Bytes out = {type, static_cast<std::uint8_t>(4 + fields.size()),
               static_cast<std::uint8_t>(handle & 0xFF),
               static_cast<std::uint8_t>(handle >> 8)};
  out.insert(out.end(), fields.begin(), fields.end());
  for (const std::string& s : strings) {
    out.insert(out.end(), s.begin(), s.end());
    out.push_back(0);
  }
  if (strings.empty()) out.push_back(0);
  out.push_back(0);
  return out;
}

// BIOS, system (with serial and UUID), baseboard (with serial and asset tag),
// a processor and the end marker.
Bytes Table(const std::string& vendor = "HP",
            const std::string& product = "HP EliteBook 850 G3",
            const std::string& version = "") {
  Bytes t = Structure(0, 0, {1, 2, 0x00, 0xE0, 3, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0},
                      {"HP", "N75 Ver. 01.17", "03/21/2017"});
  Bytes sys_fields = {1, 2, static_cast<std::uint8_t>(version.empty() ? 0 : 6),
                      3};
  for (int i = 0; i < 16; ++i) sys_fields.push_back(0xA0 + i);  // UUID
  sys_fields.insert(sys_fields.end(), {6, 4, 5});
  std::vector<std::string> sys_strings = {vendor, product, "5CG7SERIAL01",
                                          "L3C65AV", "103C_5336AN"};
  if (!version.empty()) sys_strings.push_back(version);
  Bytes sys = Structure(1, 1, sys_fields, sys_strings);
  Bytes board = Structure(
      2, 2, {1, 2, 3, 4, 5, 1, 0, 3, 0, 0x0A, 0},
      {"HP", "8079", "KBC Version 85.79", "PXBOARDSERIAL", "ASSET-0042"});
  Bytes cpu = Structure(4, 4, {1, 3, 0xC6}, {"CPU 1"});
  Bytes end = Structure(127, 0xFEFF, {}, {});
  for (const Bytes* b : {&sys, &board, &cpu, &end})
    t.insert(t.end(), b->begin(), b->end());
  return t;
}

std::string AsText(const Bytes& b) { return std::string(b.begin(), b.end()); }

TEST(Smbios, ParsesStructuresAndStrings) {
  Bytes t = Table();
  auto s = ParseSmbiosTable(t);
  ASSERT_TRUE(s.ok()) << s.status().message();
  ASSERT_EQ(s->size(), 5u);
  EXPECT_EQ((*s)[1].type, 1);
  EXPECT_EQ((*s)[1].String(0x05), "HP EliteBook 850 G3");
  EXPECT_EQ((*s)[1].String(0x06), "");  // index 0: no string
  EXPECT_EQ((*s)[1].String(0x40), "");  // outside the formatted area
  EXPECT_EQ((*s)[4].type, 127);
}

TEST(Smbios, DmiFromTableMatchesTheSysfsNames) {
  auto s = ParseSmbiosTable(Table());
  ASSERT_TRUE(s.ok());
  DmiFacts d = DmiFromSmbios(*s);
  EXPECT_EQ(d.vendor, "HP");
  EXPECT_EQ(d.model, "HP EliteBook 850 G3");
  EXPECT_EQ(d.product_sku, "L3C65AV");
  EXPECT_EQ(d.product_family, "103C_5336AN");
  EXPECT_EQ(d.board_name, "8079");
  EXPECT_EQ(d.bios_version, "N75 Ver. 01.17");
  EXPECT_EQ(d.bios_date, "03/21/2017");
}

TEST(Smbios, LenovoModelIsTheVersionString) {
  auto s = ParseSmbiosTable(Table("LENOVO", "2325AR2", "ThinkPad X230"));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(DmiFromSmbios(*s).model, "ThinkPad X230");
}

TEST(Smbios, JunkStringsAreUnknown) {
  auto s = ParseSmbiosTable(Table("To Be Filled By O.E.M.", "Default string"));
  ASSERT_TRUE(s.ok());
  DmiFacts d = DmiFromSmbios(*s);
  EXPECT_EQ(d.sys_vendor, "");
  EXPECT_EQ(d.vendor, "HP");  // the board's
  EXPECT_EQ(d.model, "8079");
}

TEST(Smbios, TruncatedTableIsCorruptionWithThePartsBefore) {
  Bytes t = Table();
  Bytes cut(t.begin(), t.begin() + 60);  // inside the system structure
  std::vector<SmbiosStructure> partial;
  auto s = ParseSmbiosTable(cut, &partial);
  EXPECT_EQ(s.status().code(), StatusCode::kCorruption);
  ASSERT_EQ(partial.size(), 1u);
  EXPECT_EQ(partial[0].type, 0);
  Bytes bad = {1, 2, 0, 0};  // length 2 < 4
  EXPECT_FALSE(ParseSmbiosTable(bad).ok());
  Bytes unterminated = {0, 4, 0, 0, 'H', 'P'};  // no string-set end
  EXPECT_FALSE(ParseSmbiosTable(unterminated).ok());
}

TEST(Smbios, RawSmbiosDataHeaderIsStripped) {
  Bytes table = Table();
  Bytes raw = {0, 3, 2, 0};
  std::uint32_t n = static_cast<std::uint32_t>(table.size());
  for (int i = 0; i < 4; ++i) raw.push_back((n >> (8 * i)) & 0xFF);
  raw.insert(raw.end(), table.begin(), table.end());
  auto inner = RawSmbiosTable(raw);
  ASSERT_TRUE(inner.ok());
  EXPECT_EQ(Bytes(inner->begin(), inner->end()), table);
  raw[7] = 0x7F;  // claims more than it holds
  EXPECT_EQ(RawSmbiosTable(raw).status().code(), StatusCode::kCorruption);
  EXPECT_FALSE(RawSmbiosTable(Bytes{1, 2, 3}).ok());
}

TEST(Smbios, SanitisedTableHasNoSerialsUuidOrOtherTypes) {
  auto s = ParseSmbiosTable(Table());
  ASSERT_TRUE(s.ok());
  Bytes clean = SanitizedSmbiosTable(*s);
  std::string text = AsText(clean);
  EXPECT_EQ(text.find("SERIAL"), std::string::npos);
  EXPECT_EQ(text.find("ASSET"), std::string::npos);
  EXPECT_EQ(text.find("CPU 1"), std::string::npos);
  EXPECT_EQ(text.find('\xA5'), std::string::npos);  // a UUID byte
  auto again = ParseSmbiosTable(clean);
  ASSERT_TRUE(again.ok()) << again.status().message();
  ASSERT_EQ(again->size(), 4u);  // types 0, 1, 2, 127
  // The identity survives, and the serial field now names no string.
  EXPECT_EQ(DmiFromSmbios(*again).model, "HP EliteBook 850 G3");
  EXPECT_EQ(DmiFromSmbios(*again).product_family, "103C_5336AN");
  EXPECT_EQ((*again)[1].String(0x07), "");
  EXPECT_EQ((*again)[2].String(0x06), "KBC Version 85.79");
}

TEST(Smbios, ReadDmiPrefersTheTableThenSysfs) {
  FakeFileSystem fs;
  fs.AddFile("sys/class/dmi/id/sys_vendor", "Dell Inc.\n");
  fs.AddFile("sys/class/dmi/id/product_name", "Latitude E6410\n");
  EXPECT_EQ(ReadDmi(fs).model, "Latitude E6410");
  fs.AddFile(std::string(kDmiTablePath), AsText(Table()));
  EXPECT_EQ(ReadDmi(fs).model, "HP EliteBook 850 G3");
  fs.AddFile(std::string(kDmiTablePath), "\x01\x02");  // junk: sysfs again
  EXPECT_EQ(ReadDmi(fs).model, "Latitude E6410");
}

}  // namespace
}  // namespace amtscope
