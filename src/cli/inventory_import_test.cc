// ImportFileInto: a streamed NDJSON import stores what the whole-file import
// (ImportFile + StoreImportedScan) stores.
#include "cli/inventory_import.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "inventory/sql_rows.h"
#include "report/writers.h"

namespace amtscope::cli {
namespace {

class InventoryImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        ::testing::TempDir() + "/inventory_import" + std::to_string(getpid());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<Inventory> Open(const std::string& name) {
    auto inv = OpenInventory(dir_ + "/" + name);
    EXPECT_TRUE(inv.ok()) << inv.status().ToString();
    return inv.ok() ? std::move(*inv) : nullptr;
  }

  std::string dir_;
};

// 12,000 records (three batches): hosts on two ports, a realm that repeats
// across batches (one device), the same address and port again in a later
// batch, a broken line and a summary in the middle.
std::string Records() {
  std::string text;
  for (int i = 0; i < 12000; ++i) {
    int host = i % 4500;
    std::string verdict = i % 3 == 0 ? "vulnerable" : "not-vulnerable";
    text += fmt::format(
        R"({{"type":"port","ip":"198.18.{}.{}","port":{},"amt":true,)"
        R"("product":"amt","version":"8.1.40","realm":"Digest:{:08X}",)"
        R"("verdict":"{}","time":"2026-12-01T10:{:02}:00.000Z"}})"
        "\n",
        host >> 8, host & 255, i < 9000 ? 16992 : 16993, host % 4000, verdict,
        i / 200);
    if (i == 6001) {
      text += "{\"type\":\"port\",\"ip\":\n";
      text += R"({"type":"summary","arguments":"amtscope scan 198.18.0.0/20",)"
              R"("start":"2026-12-01T09:59:00Z","end":"2026-12-01T11:00:00Z"})"
              "\n";
    }
  }
  return text;
}

std::string ScanText(const ScanRecord& s) {
  return fmt::format("{} {} {} {} [{}] [{}] {} {} {} {} {} {} {} {}",
                     ToMillis(s.start), ToMillis(s.end), ToString(s.status),
                     s.command_line, fmt::join(s.targets, ","),
                     fmt::join(s.ports, ","), s.options, s.site, s.source,
                     s.target_count, s.targets_done, s.open_ports, s.amt_found,
                     s.vulnerable, s.observations);
}

std::vector<std::string> Stored(Inventory& inv, int64_t id) {
  std::vector<std::string> out;
  auto scan = inv.GetScan(id);
  EXPECT_TRUE(scan.ok());
  if (scan.ok()) out.push_back(ScanText(*scan));
  auto obs = inv.ScanObservations(id);
  EXPECT_TRUE(obs.ok());
  for (const Observation& o : obs.ok() ? *obs : std::vector<Observation>{})
    out.push_back(
        fmt::format("{} {}", o.device_id, FindingToJson(o.finding).dump()));
  auto devices = inv.Devices({});
  EXPECT_TRUE(devices.ok());
  for (const Device& d : devices.ok() ? *devices : std::vector<Device>{}) {
    out.push_back(fmt::format(
        "{} {} {} {}:{} {} {} {} {} {}", d.id, ToMillis(d.first_seen),
        ToMillis(d.last_seen), d.ip, d.port, ToString(d.verdict),
        d.first_vulnerable ? ToMillis(*d.first_vulnerable) : 0,
        d.first_fixed ? ToMillis(*d.first_fixed) : 0, d.realm, d.last_scan_id));
  }
  return out;
}

// Twice into each inventory: the second import links to the first's devices.
TEST_F(InventoryImportTest, StreamedImportStoresWhatAWholeReadStores) {
  std::string path = dir_ + "/scan.ndjson";
  std::ofstream(path) << Records();
  auto whole = Open("whole.sqlite");
  auto streamed = Open("streamed.sqlite");
  ASSERT_TRUE(whole && streamed);
  for (int round = 0; round < 2; ++round) {
    auto in = ImportFile(path);
    ASSERT_TRUE(in.ok()) << in.status().ToString();
    auto a = StoreImportedScan(*whole, path, *in, "hq");
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    auto b = ImportFileInto(*streamed, path, "hq");
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    EXPECT_EQ(b->scan_id, *a);
    EXPECT_EQ(b->format, ImportFormat::kNdjson);
    EXPECT_EQ(b->findings, 12000u);
    EXPECT_EQ(b->skipped, 1u);
    EXPECT_EQ(b->skipped, in->skipped);
    std::vector<std::string> expected = Stored(*whole, *a);
    ASSERT_GT(expected.size(), 1 + 7500u);  // the scan, 7,500 observations
    EXPECT_EQ(Stored(*streamed, b->scan_id), expected);
  }
}

TEST_F(InventoryImportTest, FileWithoutRecordsStoresNoScan) {
  std::string path = dir_ + "/junk.ndjson";
  std::ofstream(path) << "{\"type\":\"port\"}\n{\"type\":\n";
  auto inv = Open("junk.sqlite");
  ASSERT_TRUE(inv);
  auto out = ImportFileInto(*inv, path, "");
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().ToString().find("no amtscope NDJSON record"),
            std::string::npos);
  EXPECT_NE(out.status().ToString().find(path), std::string::npos);
  EXPECT_FALSE(out.status().hint().empty());
  auto scans = inv->Scans();
  ASSERT_TRUE(scans.ok());
  EXPECT_TRUE(scans->empty());
}

}  // namespace
}  // namespace amtscope::cli
