// StoreOutputFile: a resumed scan's -o file read back into the inventory.
#include "cli/inventory_recorder.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace amtscope::cli {
namespace {

// kill -9 in a scan's first milliseconds leaves an empty -o file; resuming
// it must store nothing, not fail on an "unknown import format".
TEST(StoreOutputFileTest, EmptyOrMissingFileStoresNothing) {
  std::string dir =
      ::testing::TempDir() + "/recorder" + std::to_string(getpid());
  std::filesystem::create_directories(dir);
  auto inv = OpenInventory(dir + "/inv.sqlite");
  ASSERT_TRUE(inv.ok()) << inv.status().ToString();
  auto id = (*inv)->BeginScan(ScanRecord{});
  ASSERT_TRUE(id.ok());
  std::ofstream(dir + "/empty.ndjson").close();
  auto empty = StoreOutputFile(**inv, *id, dir + "/empty.ndjson");
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_EQ(*empty, 0u);
  auto missing = StoreOutputFile(**inv, *id, dir + "/missing.ndjson");
  ASSERT_TRUE(missing.ok()) << missing.status().ToString();
  std::ofstream(dir + "/junk.ndjson") << "not json\n";
  EXPECT_FALSE(StoreOutputFile(**inv, *id, dir + "/junk.ndjson").ok());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace amtscope::cli
