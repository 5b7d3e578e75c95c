// Unprivileged facts: fw_ver, fw_status (HFSTS), DMI, LMS.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>

#include "local/capture.h"
#include "local/check_report.h"
#include "local/dmi.h"
#include "local/file_system.h"
#include "local/hfsts.h"
#include "local/lms.h"
#include "local/mei_sysfs.h"
#include "testing/fake_file_system.h"

namespace amtscope {
namespace {

using ::testing::HasSubstr;

TEST(FwVer, FirstNonZeroBlockWins) {
  std::vector<std::string> notes;
  auto v =
      ParseFwVer("0:11.8.50.3425\n0:11.8.50.3425\n0:11.0.0.1000\n", &notes);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->ToString(), "11.8.50.3425");
  EXPECT_TRUE(notes.empty());
  EXPECT_FALSE(
      ParseFwVer("0:0.0.0.0\n0:0.0.0.0\n0:0.0.0.0\n", &notes).has_value());
  EXPECT_FALSE(ParseFwVer("", &notes).has_value());
}

TEST(FwVer, MalformedLinesAreNotedNotFatal) {
  std::vector<std::string> notes;
  auto v = ParseFwVer("garbage\n\x01\x02\n0:9.1.41.3024\n", &notes);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->ToString(), "9.1.41.3024");
  EXPECT_EQ(notes.size(), 2u);
}

TEST(Hfsts, DecodesHfsts1AndSku) {
  // HFSTS1 0x90000245: working state 5 Normal, op state 1 (M0 w/ UMA), init
  // complete.
  auto h = ParseFwStatus(
      "90000245\n80110006\n00000030\n00000000\n00000000\n00000000\n");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->registers.size(), 6u);
  EXPECT_EQ(h->working_state, 5);
  EXPECT_EQ(WorkingStateName(h->working_state), "Normal");
  EXPECT_FALSE(h->manufacturing_mode);
  EXPECT_TRUE(h->init_complete);
  EXPECT_EQ(h->operation_mode, 0);
  EXPECT_EQ(SkuFromHfsts(*h, 11), FwSku::kCorporate);  // HFSTS3 6:4 = 3
  EXPECT_EQ(SkuFromHfsts(*h, 10),
            FwSku::kUnknown);  // no SKU field before CSME 11
  EXPECT_EQ(SkuFromHfsts(*ParseFwStatus("90000255\n0\n00000020\n"), 11),
            FwSku::kConsumer);
  EXPECT_EQ(SkuFromHfsts(*ParseFwStatus("90000255\n0\n00000050\n"), 12),
            FwSku::kLite);
}

TEST(Hfsts, ManufacturingModeAndMalformed) {
  auto h = ParseFwStatus("1E000245\n");
  ASSERT_TRUE(h.ok());
  EXPECT_FALSE(h->manufacturing_mode);
  EXPECT_TRUE(ParseFwStatus("00000215\n")->manufacturing_mode);
  EXPECT_FALSE(ParseFwStatus("XYZ\n").ok());
  EXPECT_FALSE(ParseFwStatus("123456789\n").ok());
  EXPECT_FALSE(ParseFwStatus("1\n2\n3\n4\n5\n6\n7\n").ok());
  EXPECT_TRUE(ParseFwStatus("")->registers.empty());
}

TEST(MeiSysfs, ReadsTheTree) {
  FakeFileSystem fs;
  fs.AddFile("sys/class/mei/mei0/fw_ver",
             "0:11.0.22.1000\n0:11.0.22.1000\n0:11.0.0.1000\n");
  fs.AddFile("sys/class/mei/mei0/fw_status", "90000255\n00000000\n00000030\n");
  fs.AddFile("sys/class/mei/mei0/dev_state", "ENABLED\n");
  fs.AddFile("sys/bus/pci/devices/0000:00:16.0/vendor", "0x8086\n");
  MeiSysfsFacts f = ReadMeiSysfs(fs);
  EXPECT_TRUE(f.class_present);
  EXPECT_EQ(f.device, "mei0");
  EXPECT_EQ(f.version->ToString(), "11.0.22.1000");
  EXPECT_EQ(f.version_source, "/sys/class/mei/mei0/fw_ver");
  EXPECT_EQ(f.dev_state, "ENABLED");
  EXPECT_TRUE(f.pci_mei_function);
  EXPECT_FALSE(f.pci_sol_function);
  EXPECT_EQ(SkuFromHfsts(*f.hfsts, f.version->major()), FwSku::kCorporate);
}

TEST(MeiSysfs, SkipsItouchAndSurvivesEmptyFiles) {
  FakeFileSystem fs;
  fs.AddFile("sys/class/mei/mei0/kind", "itouch\n");
  fs.AddFile("sys/class/mei/mei1/kind", "mei\n");
  fs.AddFile("sys/class/mei/mei1/fw_ver", "");
  fs.AddFile("sys/class/mei/mei1/fw_status", "not hex at all\n");
  MeiSysfsFacts f = ReadMeiSysfs(fs);
  EXPECT_EQ(f.device, "mei1");
  EXPECT_FALSE(f.version.has_value());
  EXPECT_FALSE(f.hfsts.has_value());
  EXPECT_EQ(f.notes.size(), 1u);
  EXPECT_FALSE(ReadMeiSysfs(FakeFileSystem()).class_present);
}

TEST(Dmi, JunkValuesAreUnknown) {
  EXPECT_TRUE(IsJunkDmiValue("To be filled by O.E.M."));
  EXPECT_TRUE(IsJunkDmiValue("Default string\n"));
  EXPECT_TRUE(IsJunkDmiValue("System Product Name"));
  EXPECT_TRUE(IsJunkDmiValue("0123456789"));
  EXPECT_TRUE(IsJunkDmiValue("   "));
  EXPECT_FALSE(IsJunkDmiValue("HP EliteBook 850 G3"));
  EXPECT_FALSE(IsJunkDmiValue("OptiPlex 7040"));
}

TEST(Dmi, LenovoModelComesFromProductVersion) {
  FakeFileSystem fs;
  fs.AddFile("sys/class/dmi/id/sys_vendor", "LENOVO\n");
  fs.AddFile("sys/class/dmi/id/product_name", "2325AR2\n");
  fs.AddFile("sys/class/dmi/id/product_version", "ThinkPad X230\n");
  fs.AddFile("sys/class/dmi/id/bios_version", "G2ET86WW (2.06 )\n");
  DmiFacts d = ReadDmi(fs);
  EXPECT_EQ(d.vendor, "LENOVO");
  EXPECT_EQ(d.model, "ThinkPad X230");
  EXPECT_EQ(d.product_name, "2325AR2");
  EXPECT_EQ(d.bios_version, "G2ET86WW (2.06 )");
}

TEST(Dmi, JunkEverywhereFallsBackToBoard) {
  FakeFileSystem fs;
  fs.AddFile("sys/class/dmi/id/sys_vendor", "To be filled by O.E.M.\n");
  fs.AddFile("sys/class/dmi/id/product_name", "System Product Name\n");
  fs.AddFile("sys/class/dmi/id/board_vendor", "Intel Corporation\n");
  fs.AddFile("sys/class/dmi/id/board_name", "NUC5i5MYBE\n");
  DmiFacts d = ReadDmi(fs);
  EXPECT_EQ(d.vendor, "Intel Corporation");
  EXPECT_EQ(d.model, "NUC5i5MYBE");
  EXPECT_EQ(ReadDmi(FakeFileSystem()).model, "");
}

TEST(Lms, ParsesProcNetTcpListeners) {
  const char* tcp =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
      "retrnsmt   uid  timeout inode\n"
      "   0: 0100007F:4260 00000000:0000 0A 00000000:00000000 00:00000000 "
      "00000000     0        0 1 1\n"
      "   1: 0100007F:4261 00000000:0000 0A 00000000:00000000 00:00000000 "
      "00000000     0        0 2 1\n"
      "   2: 0100007F:4260 0100007F:9C40 01 00000000:00000000 00:00000000 "
      "00000000     0        0 3 1\n"
      "   3: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 "
      "00000000     0        0 4 1\n"
      "garbage line\n";
  auto l = ParseProcNetTcp(tcp, false);
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l[0].port, 16992);
  EXPECT_EQ(l[0].address, "127.0.0.1");
  EXPECT_EQ(l[1].port, 16993);
  const char* tcp6 =
      "  sl  local_address                         remote_address              "
      "          st\n"
      "   0: 00000000000000000000000001000000:4260 "
      "00000000000000000000000000000000:0000 0A 0\n";
  auto l6 = ParseProcNetTcp(tcp6, true);
  ASSERT_EQ(l6.size(), 1u);
  EXPECT_EQ(l6[0].address, "::1");
}

TEST(Lms, UnitProcessAndEnablement) {
  FakeFileSystem fs;
  fs.AddFile("usr/lib/systemd/system/lms.service",
             "[Unit]\nDescription=Intel(R) Local Management Service\n");
  fs.AddFile("etc/systemd/system/multi-user.target.wants/lms.service", "");
  fs.AddFile("proc/1/comm", "systemd\n");
  fs.AddFile("proc/812/comm", "lms\n");
  fs.AddFile("proc/net/tcp",
             "  sl local\n   0: 0100007F:4260 00000000:0000 0A 0\n");
  LmsFacts l = ReadLms(fs);
  EXPECT_EQ(l.unit_path, "/usr/lib/systemd/system/lms.service");
  EXPECT_TRUE(l.unit_enabled);
  ASSERT_TRUE(l.running.has_value());
  EXPECT_TRUE(*l.running);
  EXPECT_EQ(l.pids, std::vector<int>{812});
  EXPECT_EQ(l.listeners.size(), 1u);

  FakeFileSystem none;
  none.AddFile("proc/1/comm", "systemd\n");
  LmsFacts n = ReadLms(none);
  EXPECT_EQ(n.running, std::optional<bool>(false));
  EXPECT_FALSE(
      ReadLms(FakeFileSystem()).running.has_value());  // no process table
}

TEST(Lms, ListenerAttributedByTheProcessHoldingItsSocket) {
  // Issue 9 item 6: a listener on 16992 is LMS's only when the process whose
  // /proc/PID/fd links to socket:[inode] is named lms.
  const char* tcp =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
      "retrnsmt   uid  timeout inode\n"
      "   0: 0100007F:4260 00000000:0000 0A 00000000:00000000 00:00000000 "
      "00000000     0        0 31337 1 0\n"
      "   1: 0100007F:4261 00000000:0000 0A 00000000:00000000 00:00000000 "
      "00000000     0        0 4242 1 0\n"
      "   2: 0100007F:4262 00000000:0000 0A 00000000:00000000 00:00000000 "
      "00000000     0        0 999 1 0\n";
  FakeFileSystem fs;
  fs.AddFile("proc/net/tcp", tcp);
  fs.AddFile("proc/1/comm", "systemd\n");
  fs.AddLink("proc/1/fd/0", "/dev/null");
  fs.AddFile("proc/812/comm", "lms\n");
  fs.AddLink("proc/812/fd/3", "socket:[1234]");
  fs.AddLink("proc/812/fd/7", "socket:[31337]");
  fs.AddFile("proc/4242/comm", "amtscope\n");
  fs.AddLink("proc/4242/fd/5", "socket:[4242]");
  LmsFacts l = ReadLms(fs);
  ASSERT_EQ(l.listeners.size(), 3u);
  EXPECT_EQ(l.listeners[0].inode, 31337u);
  EXPECT_EQ(l.listeners[0].pid, 812);
  EXPECT_TRUE(l.listeners[0].IsLms());
  EXPECT_EQ(l.listeners[1].pid, 4242);
  EXPECT_EQ(l.listeners[1].comm, "amtscope");
  EXPECT_FALSE(l.listeners[1].IsLms());
  EXPECT_EQ(l.listeners[2].pid, 0);  // nobody visible holds inode 999
  EXPECT_TRUE(l.LmsListens());
  EXPECT_EQ(ListenerText(l.listeners[0]), "127.0.0.1:16992 by LMS (pid 812)");
  EXPECT_EQ(ListenerText(l.listeners[1]),
            "127.0.0.1:16993: a process other than LMS (amtscope, pid 4242) "
            "listens on 16993");
  EXPECT_THAT(ListenerText(l.listeners[2]),
              HasSubstr("listening process not visible"));
}

TEST(Lms, ForeignListenerIsNotLms) {
  FakeFileSystem fs;
  fs.AddFile("proc/net/tcp",
             "  sl local\n   0: 0100007F:4260 00000000:0000 0A 0:0 0:0 0 0 0 "
             "4242 1 0\n");
  fs.AddFile("proc/1/comm", "systemd\n");
  fs.AddFile("proc/4242/comm", "amtscope\n");
  fs.AddLink("proc/4242/fd/5", "socket:[4242]");
  LmsFacts l = ReadLms(fs);
  ASSERT_EQ(l.listeners.size(), 1u);
  EXPECT_EQ(l.listeners[0].pid, 4242);
  EXPECT_FALSE(l.LmsListens());
  EXPECT_EQ(l.running, std::optional<bool>(false));
}

TEST(Lms, OwnerSearchIsBounded) {
  // 5000 fds in one process: only the first 4096 (sorted by name) are read.
  FakeFileSystem fs;
  fs.AddFile("proc/net/tcp",
             "  sl local\n   0: 0100007F:4260 00000000:0000 0A 0:0 0:0 0 0 0 "
             "77 1 0\n");
  fs.AddFile("proc/9/comm", "lms\n");
  for (int i = 0; i < 5000; ++i) {
    fs.AddLink(fmt::format("proc/9/fd/{:05}", i),
               i == 4999 ? "socket:[77]" : "pipe:[1]");
  }
  EXPECT_EQ(ReadLms(fs).listeners.at(0).pid, 0);
  EXPECT_EQ(fs.ListDir("proc/9/fd", 10)->size(), 10u);
  EXPECT_EQ(*fs.ReadLink("proc/9/fd/04999"), "socket:[77]");
  EXPECT_FALSE(fs.ReadLink("proc/9/comm").ok());
  EXPECT_FALSE(fs.ReadFile("proc/9/fd/04999").ok());
}

TEST(Lms, CaptureKeepsListenerOwnersForReplay) {
  // check --capture copies the listener's comm and only its fd links to the
  // listening socket, so check --root names the same process.
  FakeFileSystem live;
  live.AddFile("proc/net/tcp",
               "  sl local\n   0: 0100007F:4260 00000000:0000 0A 0:0 0:0 0 0 0 "
               "4242 1 0\n");
  live.AddFile("proc/1/comm", "systemd\n");
  live.AddFile("proc/4242/comm", "amtscope\n");
  live.AddLink("proc/4242/fd/0", "/dev/pts/3");
  live.AddLink("proc/4242/fd/5", "socket:[4242]");
  live.AddLink("proc/4242/fd/6", "socket:[555]");
  live.AddFile("proc/77/comm", "secretd\n");
  live.AddLink("proc/77/fd/1", "socket:[555]");
  std::string dir =
      ::testing::TempDir() + "amtscope-capture-" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  auto written = CaptureTree(live, dir, nullptr, nullptr);
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  RealFileSystem replay(dir);
  LmsFacts l = ReadLms(replay);
  ASSERT_EQ(l.listeners.size(), 1u);
  EXPECT_EQ(l.listeners[0].pid, 4242);
  EXPECT_EQ(l.listeners[0].comm, "amtscope");
  EXPECT_EQ(*replay.ReadLink("proc/4242/fd/5"), "socket:[4242]");
  EXPECT_FALSE(replay.Exists("proc/4242/fd/0"));  // not a listener's socket
  EXPECT_FALSE(replay.ReadLink("proc/4242/fd/6").ok());
  EXPECT_FALSE(replay.Exists("proc/77"));
  std::filesystem::remove_all(dir);
}

TEST(Lms, CaptureGivesEveryListenerOwnerAShare) {
  // A process with 400 AMT-port sockets (an emulated fleet, pid 100) comes
  // first in /proc; a second listener's owner (pid 200) is still captured.
  FakeFileSystem live;
  std::string tcp = "  sl local\n";
  for (int i = 0; i <= 400; ++i) {
    tcp += fmt::format(
        "   {}: {:08X}:4260 00000000:0000 0A 0:0 0:0 0 0 0 {} 1 0\n", i,
        0x0100007F + (i << 8), 1000 + i);
    int pid = i < 400 ? 100 : 200;
    live.AddLink(fmt::format("proc/{}/fd/{:04}", pid, i),
                 fmt::format("socket:[{}]", 1000 + i));
  }
  live.AddFile("proc/net/tcp", tcp);
  live.AddFile("proc/1/comm", "systemd\n");
  live.AddFile("proc/100/comm", "amtscope\n");
  live.AddFile("proc/200/comm", "lms\n");
  std::string dir =
      ::testing::TempDir() + "amtscope-share-" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(CaptureTree(live, dir, nullptr, nullptr).ok());
  RealFileSystem replay(dir);
  LmsFacts l = ReadLms(replay);
  ASSERT_EQ(l.listeners.size(), 401u);
  std::map<int, int> owned;
  for (const TcpListener& t : l.listeners) ++owned[t.pid];
  EXPECT_EQ(owned[200], 1);
  EXPECT_EQ(owned[100], 16);
  EXPECT_EQ(owned[0], 400 - 16);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace amtscope
