// NdjsonImportFile: a file read in pieces gives what ParseScanNdjson gives
// for the whole of it.
#include "inventory/import_stream.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "report/writers.h"

namespace amtscope {
namespace {

class ImportStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "/import_stream" + std::to_string(getpid());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  std::string dir_;
};

std::string Record(int i, const std::string& server = "AMT") {
  return fmt::format(
      R"({{"type":"port","ip":"198.18.{}.{}","port":16992,"amt":true,)"
      R"("product":"amt","version":"8.1.40","realm":"Digest:{:08X}",)"
      R"("verdict":"vulnerable","advisories":["INTEL-SA-00075"],)"
      R"("time":"2026-12-01T10:00:00.000Z","server":"{}"}})",
      (i >> 8) & 255, i & 255, i, server);
}

// Over three pieces of the reader: records, a line of 1.5 MiB, broken and
// foreign lines in the middle, a summary spelt with escapes halfway, blank
// lines, a last line without its newline.
std::string MixedFile() {
  std::string text;
  for (int i = 0; i < 12000; ++i) {
    text += Record(i) + "\n";
    if (i == 5000) text += "{\"type\":\"port\",\"ip\":\"198.18.\n";
    if (i == 6000) {
      text += "\n  \nnot json at all\n";
      text += R"({"type":"\u0073ummary","arguments":"amtscope scan x",)"
              R"("start":"2026-12-01T09:00:00Z","end":"2026-12-01T11:00:00Z"})"
              "\n";
    }
    if (i == 7000) text += Record(i, std::string(1536 * 1024, 'x')) + "\n";
  }
  return text + Record(12000);
}

std::vector<std::string> Texts(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings) out.push_back(FindingToJson(f).dump());
  return out;
}

TEST_F(ImportStreamTest, PiecesGiveWhatTheWholeFileGives) {
  std::string text = MixedFile();
  auto whole = ParseScanNdjson(text);
  ASSERT_TRUE(whole.ok()) << whole.status().ToString();
  auto file = NdjsonImportFile::Open(Write("mixed.ndjson", text));
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  ASSERT_NE(*file, nullptr);
  EXPECT_EQ((*file)->summary().arguments, "amtscope scan x");
  EXPECT_EQ((*file)->summary().start, whole->start);
  std::vector<Finding> findings;
  for (;;) {
    size_t before = findings.size();
    auto more = (*file)->Next(findings.size() + 1000, &findings);
    ASSERT_TRUE(more.ok()) << more.status().ToString();
    if (!*more) break;
    EXPECT_EQ(findings.size(), before + 1000);  // full batches until the end
  }
  auto rest = (*file)->Finish();
  ASSERT_TRUE(rest.ok()) << rest.status().ToString();
  EXPECT_EQ(whole->findings.size(), 12002u);
  EXPECT_EQ(Texts(findings), Texts(whole->findings));
  EXPECT_EQ(rest->skipped, 2u);
  EXPECT_EQ(rest->skipped, whole->skipped);
  EXPECT_EQ(rest->start, whole->start);
  EXPECT_EQ(rest->end, whole->end);
  EXPECT_EQ(rest->arguments, whole->arguments);
}

TEST_F(ImportStreamTest, NoRecordIsTheSameError) {
  std::string text = "{\"type\":\"port\"}\n{\"type\":\nnot json\n";
  auto whole = ParseScanNdjson(text);
  ASSERT_FALSE(whole.ok());
  auto file = NdjsonImportFile::Open(Write("junk.ndjson", text));
  ASSERT_TRUE(file.ok() && *file);
  std::vector<Finding> findings;
  auto more = (*file)->Next(10, &findings);
  ASSERT_TRUE(more.ok());
  EXPECT_FALSE(*more);
  auto rest = (*file)->Finish();
  ASSERT_FALSE(rest.ok());
  EXPECT_EQ(rest.status().ToString(), whole.status().ToString());
  EXPECT_FALSE(rest.status().hint().empty());
}

// Whatever cannot be streamed is left to ImportFile, which reads it whole
// and says what is wrong with it.
TEST_F(ImportStreamTest, OtherInputsAreNotStreamed) {
  std::string fifo = dir_ + "/fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (const std::string& path :
       {Write("scan.xml", "<?xml version=\"1.0\"?><nmaprun>"),
        Write("list.txt", "open tcp 16992 198.18.0.1 1700000000\n"),
        Write("empty.ndjson", ""), dir_, dir_ + "/missing", fifo}) {
    auto file = NdjsonImportFile::Open(path);
    ASSERT_TRUE(file.ok()) << path << ": " << file.status().ToString();
    EXPECT_EQ(*file, nullptr) << path;
  }
}

}  // namespace
}  // namespace amtscope
