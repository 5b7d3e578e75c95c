// The same suite against a real SQLite file and a real PostgreSQL server.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "inventory/backend_testutil.h"
#include "inventory/inventory.h"
#include "inventory/sql_connection.h"

namespace amtscope {
namespace {

using testing::Backend;

Observation Obs(std::string ip, uint16_t port, ScanVerdict verdict,
                std::string realm = "", std::string version = "8.1.40",
                std::string cert = "") {
  Observation o;
  Finding& f = o.finding;
  f.ip = std::move(ip);
  f.port = port;
  f.amt = verdict != ScanVerdict::kNotAmt;
  f.product = f.amt ? "amt" : "";
  f.server =
      f.amt ? "Intel(R) Active Management Technology " + version : "nginx";
  auto v = FirmwareVersion::Parse(version);
  if (v.ok()) f.version = *v;
  f.realm = std::move(realm);
  f.verdict = verdict;
  f.basis = VerdictBasis::kBypass;
  f.advisories = {"INTEL-SA-00075"};
  f.reason = "empty-digest-200/wrong-401";
  f.time = std::chrono::system_clock::now();
  o.finding.cert_sha256 = std::move(cert);
  return o;
}

class BackendTest : public testing::BackendFixture {
 protected:
  int64_t Begin(Inventory& inv, std::string site = "hq",
                TimePoint start = std::chrono::system_clock::now()) {
    ScanRecord s;
    s.start = start;
    s.command_line = "amtscope scan 198.18.0.0/24";
    s.targets = {"198.18.0.0/24"};
    s.ports = {16992, 16993};
    s.site = std::move(site);
    auto id = inv.BeginScan(s);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }
};

TEST_P(BackendTest, ScanRoundTripIsIdempotentPerAddressAndPort) {
  auto inv = Open();
  ASSERT_TRUE(inv);
  int64_t id = Begin(*inv);
  std::vector<Observation> batch = {
      Obs("198.18.0.1", 16992, ScanVerdict::kVulnerable, "Digest:1A2B"),
      Obs("198.18.0.2", 16992, ScanVerdict::kNotVulnerable)};
  ASSERT_TRUE(inv->AddObservations(id, batch).ok());
  ASSERT_TRUE(inv->AddObservations(id, batch).ok());  // a resumed scan re-sends
  RunStats stats;
  stats.open_ports = 2;
  stats.vulnerable = 1;
  stats.end = std::chrono::system_clock::now();
  ASSERT_TRUE(inv->FinishScan(id, ScanStatus::kDone, stats).ok());
  auto scans = inv->Scans();
  ASSERT_TRUE(scans.ok());
  ASSERT_EQ(scans->size(), 1u);
  EXPECT_EQ((*scans)[0].status, ScanStatus::kDone);
  EXPECT_EQ((*scans)[0].observations, 2u);
  EXPECT_EQ((*scans)[0].targets, std::vector<std::string>{"198.18.0.0/24"});
  auto obs = inv->ScanObservations(id);
  ASSERT_TRUE(obs.ok());
  ASSERT_EQ(obs->size(), 2u);
  EXPECT_EQ((*obs)[0].finding.realm, "Digest:1A2B");
  EXPECT_EQ((*obs)[0].finding.version.ToString(), "8.1.40");
  EXPECT_EQ((*obs)[0].finding.advisories,
            std::vector<std::string>{"INTEL-SA-00075"});
  auto verdicts = inv->ScanVerdicts(id);  // what Diff reads, nothing else
  ASSERT_TRUE(verdicts.ok());
  ASSERT_EQ(verdicts->size(), 2u);
  for (size_t i = 0; i < verdicts->size(); ++i) {
    // In ScanObservations' order: Diff keeps the first of equal ports.
    const VerdictRow& v = (*verdicts)[i];
    const auto same = obs->begin() + static_cast<std::ptrdiff_t>(i);
    ASSERT_EQ(v.ip, same->finding.ip);
    ASSERT_EQ(v.port, same->finding.port);
    EXPECT_EQ(v.device_id, same->device_id);
    EXPECT_EQ(v.verdict, same->finding.verdict);
    EXPECT_EQ(v.amt, same->finding.amt);
    EXPECT_EQ(v.version.ToString(), same->finding.version.ToString());
  }
  EXPECT_FALSE(inv->GetScan(id + 100).ok());
}

// A streamed import learns its targets and ports only after the last
// record; the rest of the scan's row stays as begun.
TEST_P(BackendTest, SetScanScopeReplacesTargetsAndPortsOnly) {
  auto inv = Open();
  ASSERT_TRUE(inv);
  int64_t id = Begin(*inv, "lab");
  ScanRecord scope;
  scope.targets = {"198.18.0.1", "198.18.0.2", "2001:db8::1"};
  scope.ports = {623, 16992};
  scope.target_count = 3;
  ASSERT_TRUE(inv->SetScanScope(id, scope).ok());
  auto scan = inv->GetScan(id);
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();
  EXPECT_EQ(scan->targets, scope.targets);
  EXPECT_EQ(scan->ports, scope.ports);
  EXPECT_EQ(scan->target_count, 3u);
  EXPECT_EQ(scan->site, "lab");
  EXPECT_EQ(scan->command_line, "amtscope scan 198.18.0.0/24");
  EXPECT_EQ(scan->status, ScanStatus::kRunning);
  EXPECT_EQ(inv->SetScanScope(id + 100, scope).code(), StatusCode::kNotFound);
}

TEST_P(BackendTest, HostileStringsComeBackUnchanged) {
  auto inv = Open();
  ASSERT_TRUE(inv);
  int64_t id = Begin(*inv, "'; DROP TABLE scans; --");
  Observation o = Obs("198.18.0.1", 16992, ScanVerdict::kUnknown,
                      "Digest:\"quoted'realm\\");
  o.finding.server = std::string(10 * 1024, 'A') + "'\"\\$1?";
  for (int c = 1; c < 256; ++c)
    o.finding.reason.push_back(static_cast<char>(c));
  ASSERT_TRUE(
      inv->AddObservations(id, std::span<const Observation>(&o, 1)).ok());
  auto obs = inv->ScanObservations(id);
  ASSERT_TRUE(obs.ok()) << obs.status().ToString();
  ASSERT_EQ(obs->size(), 1u);
  EXPECT_EQ((*obs)[0].finding.server, o.finding.server);
  EXPECT_EQ((*obs)[0].finding.reason, o.finding.reason);
  EXPECT_EQ((*obs)[0].finding.realm, o.finding.realm);
  auto scan = inv->GetScan(id);
  ASSERT_TRUE(scan.ok());
  EXPECT_EQ(scan->site, "'; DROP TABLE scans; --");
}

TEST_P(BackendTest, DeviceFollowedAcrossAnAddressChangeAndAPatch) {
  auto inv = Open();
  ASSERT_TRUE(inv);
  int64_t first = Begin(*inv);
  std::vector<Observation> a = {
      Obs("198.18.0.1", 16993, ScanVerdict::kVulnerable, "Digest:1A2B",
          "8.1.40", "c1"),
      Obs("198.18.0.2", 16992, ScanVerdict::kVulnerable, "Digest:3C4D")};
  ASSERT_TRUE(inv->AddObservations(first, a).ok());
  // A day later: a device last seen before this scan began may have moved.
  TimePoint later = a[0].finding.time + std::chrono::hours(24);
  int64_t second = Begin(*inv, "hq", later);
  std::vector<Observation> b = {
      Obs("198.18.0.9", 16993, ScanVerdict::kNotVulnerable, "Digest:1A2B",
          "8.1.71.3608", "c1"),
      Obs("198.18.0.1", 16992, ScanVerdict::kVulnerable, "Digest:3C4D")};
  for (Observation& o : b) o.finding.time = later;
  ASSERT_TRUE(inv->AddObservations(second, b).ok());
  auto devices = inv->Devices({});
  ASSERT_TRUE(devices.ok());
  ASSERT_EQ(devices->size(), 2u);
  const Device& moved = (*devices)[0];
  EXPECT_EQ(moved.ip, "198.18.0.9");
  EXPECT_EQ(moved.verdict, ScanVerdict::kNotVulnerable);
  EXPECT_TRUE(moved.first_vulnerable && moved.first_fixed);
  EXPECT_EQ((*devices)[1].ip,
            "198.18.0.1");  // realm moved it onto the freed address
  auto vulnerable = inv->Devices({.vulnerable_only = true, .site = "hq"});
  ASSERT_TRUE(vulnerable.ok());
  EXPECT_EQ(vulnerable->size(), 1u);
  EXPECT_TRUE(
      inv->Devices({.vulnerable_only = false, .site = "elsewhere"})->empty());
}

// Shards of one fleet are separate scans at the same moment: a realm that
// two hosts share (few digits, protocol.md §2.2) must not merge them just
// because each host was found by another shard (docs/inventory.md).
TEST_P(BackendTest, ShardsAtOnceKeepTwoHostsThatShareARealm) {
  auto inv = Open();
  ASSERT_TRUE(inv);
  int64_t shard1 = Begin(*inv);
  int64_t shard2 = Begin(*inv);
  std::vector<Observation> a = {
      Obs("198.18.5.1", 16992, ScanVerdict::kVulnerable, "Digest:77")};
  std::vector<Observation> b = {
      Obs("198.18.5.2", 16992, ScanVerdict::kVulnerable, "Digest:77")};
  ASSERT_TRUE(inv->AddObservations(shard1, a).ok());
  ASSERT_TRUE(inv->AddObservations(shard2, b).ok());
  auto devices = inv->Devices({});
  ASSERT_TRUE(devices.ok());
  ASSERT_EQ(devices->size(), 2u);
  EXPECT_EQ((*devices)[0].ip, "198.18.5.1");
  EXPECT_EQ((*devices)[1].ip, "198.18.5.2");
}

TEST_P(BackendTest, MachinesAndPrune) {
  auto inv = Open();
  ASSERT_TRUE(inv);
  int64_t id = Begin(*inv);
  MachineRecord m;
  m.identity = std::string(64, 'e');
  m.vendor = "Dell Inc.";
  m.verdicts = R"(["vulnerable"])";
  ASSERT_TRUE(inv->RecordMachine(id, m).ok());
  ASSERT_TRUE(inv->RecordMachine(id, m).ok());
  auto machines = inv->ScanMachines(id);
  ASSERT_TRUE(machines.ok());
  ASSERT_EQ(machines->size(), 1u);
  EXPECT_EQ((*machines)[0].vendor, "Dell Inc.");
  Begin(*inv);
  Begin(*inv);
  auto removed = inv->Prune(2);
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(*removed, 1u);
  EXPECT_EQ(inv->Scans()->size(), 2u);
}

TEST_P(BackendTest, FourConcurrentWritersLoseNothing) {
  constexpr int kWriters = 4;
  constexpr int kPerWriter = 400;
  ASSERT_TRUE(
      Open());  // creates the schema once; writers also race on it below
  std::vector<int64_t> ids(kWriters);
  std::vector<std::string> errors(kWriters);
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      auto inv = OpenInventory(url_);
      if (!inv.ok()) {
        errors[w] = inv.status().ToString();
        return;
      }
      ids[w] = Begin(**inv);
      for (int start = 0; start < kPerWriter; start += 50) {
        std::vector<Observation> batch;
        for (int i = start; i < start + 50; ++i) {
          batch.push_back(Obs("198.18." + std::to_string(w * 4 + i / 250) +
                                  "." + std::to_string(i % 250),
                              16992, ScanVerdict::kVulnerable));
        }
        Status st = (*inv)->AddObservations(ids[w], batch);
        if (!st.ok()) {
          errors[w] = st.ToString();
          return;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& e : errors) EXPECT_EQ(e, "");
  auto inv = Open();
  for (int64_t id : ids)
    EXPECT_EQ(inv->ScanObservations(id)->size(), size_t{kPerWriter});
  EXPECT_EQ(inv->Devices({})->size(), size_t{kWriters * kPerWriter});
}

// A fleet-wide certificate (the emulator serves one for all hosts) links no
// devices together; the realm still follows a device that moved.
TEST_P(BackendTest, SharedCertificateIdentifiesNoDevice) {
  auto inv = Open();
  ASSERT_TRUE(inv);
  const std::string cert(64, 'c');
  std::vector<Observation> first;
  for (int i = 1; i <= 12; ++i) {
    first.push_back(Obs("198.18.1." + std::to_string(i), 16993,
                        ScanVerdict::kVulnerable,
                        "Digest:" + std::to_string(1000 + i), "8.1.40", cert));
  }
  auto a = inv->BeginScan(ScanRecord{});
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(inv->AddObservations(*a, first).ok());
  auto devices = inv->Devices({});
  ASSERT_TRUE(devices.ok());
  EXPECT_EQ(devices->size(), 12u);  // not one device for twelve hosts
  TimePoint later = first[0].finding.time + std::chrono::hours(24);
  int64_t b = Begin(*inv, "hq", later);
  std::vector<Observation> moved = {Obs("198.18.2.77", 16993,
                                        ScanVerdict::kVulnerable, "Digest:1003",
                                        "8.1.40", cert)};
  moved[0].finding.time = later;
  ASSERT_TRUE(inv->AddObservations(b, moved).ok());
  auto after = inv->Devices({});
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), 12u);
  auto it = std::find_if(after->begin(), after->end(), [](const Device& d) {
    return d.realm == "Digest:1003";
  });
  ASSERT_NE(it, after->end());
  EXPECT_EQ(it->ip, "198.18.2.77");
}

TEST_P(BackendTest, TcpAndUdpOnOnePortAreTwoObservations) {
  auto inv = Open();
  ASSERT_TRUE(inv);
  Observation tcp = Obs("198.18.3.4", 623, ScanVerdict::kUnknown);
  Observation udp = Obs("198.18.3.4", 623, ScanVerdict::kNotVulnerable);
  udp.finding.proto = "udp";
  udp.finding.provisioning = "pre";
  udp.finding.redirection = false;
  udp.finding.exposures = {"plaintext"};
  auto id = inv->BeginScan(ScanRecord{});
  ASSERT_TRUE(id.ok());
  std::vector<Observation> both = {tcp, udp};
  ASSERT_TRUE(inv->AddObservations(*id, both).ok());
  ASSERT_TRUE(inv->AddObservations(*id, both).ok());  // stored once each
  auto obs = inv->ScanObservations(*id);
  ASSERT_TRUE(obs.ok());
  ASSERT_EQ(obs->size(), 2u);
  const Finding& u = (*obs)[1].finding;
  EXPECT_EQ((*obs)[0].finding.proto, "tcp");
  EXPECT_EQ(u.proto, "udp");
  EXPECT_EQ(u.provisioning, "pre");
  ASSERT_TRUE(u.redirection.has_value());
  EXPECT_FALSE(*u.redirection);
  EXPECT_EQ(u.exposures, std::vector<std::string>{"plaintext"});
  EXPECT_FALSE((*obs)[0].finding.redirection.has_value());
}

TEST_P(BackendTest, NewerSchemaIsRefusedUntouched) {
  ASSERT_TRUE(Open());
  auto conn = GetParam() == Backend::kSqlite ? OpenSqliteConnection(url_)
                                             : OpenPostgresConnection(url_);
  ASSERT_TRUE(conn.ok());
  ASSERT_TRUE((*conn)
                  ->Query("INSERT INTO schema_version (version) VALUES (?)",
                          {int64_t{99}})
                  .ok());
  auto inv = OpenInventory(url_);
  ASSERT_FALSE(inv.ok());
  EXPECT_NE(inv.status().message().find("newer"), std::string::npos)
      << inv.status().ToString();
  EXPECT_NE(inv.status().hint(), "");
  auto still = (*conn)->Query("SELECT MAX(version) FROM schema_version", {});
  ASSERT_TRUE(still.ok());
  EXPECT_EQ((*still)[0][0], "99");
}

TEST_P(BackendTest, LostConnectionIsAnIoErrorWithAHint) {
  if (GetParam() != Backend::kPostgres) GTEST_SKIP() << "PostgreSQL only";
  auto inv = Open();
  ASSERT_TRUE(inv);
  int64_t id = Begin(*inv);
  auto admin = OpenPostgresConnection(url_);
  ASSERT_TRUE(admin.ok());
  ASSERT_TRUE(
      (*admin)
          ->Query(
              "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
              " WHERE datname = current_database() AND pid <> pg_backend_pid()",
              {})
          .ok());
  Observation o = Obs("198.18.0.1", 16992, ScanVerdict::kVulnerable);
  Status st = inv->AddObservations(id, std::span<const Observation>(&o, 1));
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), StatusCode::kIoError) << st.ToString();
  EXPECT_NE(st.hint().find("--resume"), std::string::npos) << st.ToString();
  auto stored = (*admin)->Query("SELECT COUNT(*) FROM scans", {});
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ((*stored)[0][0], "1");  // what was committed stays
}

INSTANTIATE_BACKENDS(BackendTest);

TEST(SqliteFaultsTest, CorruptFileIsAClearStatus) {
  std::string path =
      ::testing::TempDir() + "/corrupt" + std::to_string(getpid()) + ".sqlite";
  std::ofstream(path) << std::string(8192, 'x');
  auto inv = OpenInventory(path);
  ASSERT_FALSE(inv.ok());
  EXPECT_EQ(inv.status().code(), StatusCode::kCorruption)
      << inv.status().ToString();
  EXPECT_NE(inv.status().hint(), "");
  std::filesystem::remove(path);
}

TEST(PostgresFaultsTest, ServerDownIsAClearStatus) {
  auto inv = OpenInventory(
      "postgresql://postgres@/x?host=/nonexistent-amtscope-socket-dir");
  ASSERT_FALSE(inv.ok());
  EXPECT_EQ(inv.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(inv.status().hint(), "");
}

TEST(DefaultInventoryPathTest, EnvironmentDecides) {
  setenv("AMTSCOPE_DB", "postgresql://db/amt", 1);
  EXPECT_EQ(DefaultInventoryPath(), "postgresql://db/amt");
  unsetenv("AMTSCOPE_DB");
  setenv("XDG_DATA_HOME", "/x", 1);
  EXPECT_EQ(DefaultInventoryPath(), "/x/amtscope/inventory.sqlite");
  unsetenv("XDG_DATA_HOME");
}

// A file written by the previous schema opens, migrates and keeps its rows.
TEST(InventoryMigrationTest, VersionTwoFileKeepsItsObservations) {
  std::string dir =
      ::testing::TempDir() + "/migrate" + std::to_string(getpid());
  std::filesystem::create_directories(dir);
  std::string path = dir + "/inventory.sqlite";
  std::filesystem::copy_file(std::string(AMTSCOPE_SOURCE_DIR) +
                                 "/src/inventory/testdata/inventory-v2.sqlite",
                             path);
  auto inv = OpenInventory(path);
  ASSERT_TRUE(inv.ok()) << inv.status().ToString();
  auto obs = (*inv)->ScanObservations(1);
  ASSERT_TRUE(obs.ok());
  ASSERT_EQ(obs->size(), 2u);
  EXPECT_EQ((*obs)[0].finding.proto, "tcp");
  EXPECT_EQ((*obs)[0].finding.ip.rfind("198.18.", 0), 0u);
  inv->reset();
  auto conn = OpenSqliteConnection(path);
  ASSERT_TRUE(conn.ok());
  auto v = (*conn)->Query("SELECT MAX(version) FROM schema_version", {});
  ASSERT_TRUE(v.ok());
  EXPECT_EQ((*v)[0][0], std::to_string(kInventorySchemaVersion));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace amtscope
