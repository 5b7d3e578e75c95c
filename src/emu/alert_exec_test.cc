#include "emu/alert_exec.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "emu/event_log.h"

namespace amtscope::emu {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Polls until `done` or ~5 s.
template <typename F>
bool Eventually(F done) {
  for (int i = 0; i < 500; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

TEST(AlertExecTest, CommandGetsTheEventOnStdin) {
  std::string out = ::testing::TempDir() + "/alert_stdin.txt";
  std::remove(out.c_str());
  {
    AlertExec alert({.command = "cat >> " + out, .per_minute = 60});
    alert.Submit(R"({"event":"request","n":1})");
    alert.Submit(R"({"event":"request","n":2})");
    ASSERT_TRUE(Eventually([&] { return alert.counters().run == 2; }));
    EXPECT_TRUE(Eventually([&] { return Slurp(out).size() > 40; }));
    EXPECT_EQ(alert.counters().failed, 0u);
  }
  EXPECT_EQ(
      Slurp(out),
      "{\"event\":\"request\",\"n\":1}\n{\"event\":\"request\",\"n\":2}\n");
}

TEST(AlertExecTest, RateLimitAndQueueDropInsteadOfWaiting) {
  AlertExec alert({.command = "exit 0", .per_minute = 3});
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 10; ++i) alert.Submit("{}");
  // Submitting never waits for a command.
  EXPECT_LT(std::chrono::steady_clock::now() - start,
            std::chrono::milliseconds(500));
  ASSERT_TRUE(Eventually([&] { return alert.counters().run == 3; }));
  EXPECT_EQ(alert.counters().dropped, 7u);
}

TEST(AlertExecTest, HangingCommandIsKilledAtTheTimeout) {
  AlertExec alert({.command = "sleep 20; exit 0",
                   .per_minute = 60,
                   .timeout = std::chrono::milliseconds(200)});
  auto start = std::chrono::steady_clock::now();
  alert.Submit("{}");
  ASSERT_TRUE(Eventually([&] { return alert.counters().timed_out == 1; }));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(alert.counters().failed, 1u);
}

TEST(AlertExecTest, CommandIgnoringStdinOrFailingIsCountedNotFatal) {
  AlertExec alert({.command = "exit 3", .per_minute = 60});
  alert.Submit(std::string(100000, 'x'));  // larger than a pipe buffer
  ASSERT_TRUE(Eventually([&] { return alert.counters().failed == 1; }));
  EXPECT_EQ(alert.counters().run, 1u);
}

TEST(EventLogTest, EveryEventHasSensorAndUniqueId) {
  std::string path = ::testing::TempDir() + "/events_sensor.ndjson";
  std::remove(path.c_str());
  {
    auto log = EventLog::Open(EventLogOptions{.path = path, .sensor = "s1"});
    ASSERT_TRUE(log.ok());
    ConnectionInfo conn{"127.0.0.1", 40000, "127.0.0.2", 16992, false};
    (*log)->RecordConnection(conn, "connect");
    (*log)->RecordConnection(conn, "probe");
    EXPECT_EQ((*log)->sensor(), "s1");
  }
  std::istringstream lines(Slurp(path));
  std::string line;
  std::vector<std::string> ids;
  while (std::getline(lines, line)) {
    auto j = nlohmann::json::parse(line);
    EXPECT_EQ(j["sensor"], "s1");
    ids.push_back(j["event_id"].get<std::string>());
  }
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_NE(ids[0], ids[1]);
}

TEST(EventLogTest, SensorDefaultsToTheHostName) {
  auto log = EventLog::Open(EventLogOptions{});
  ASSERT_TRUE(log.ok());
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  EXPECT_EQ((*log)->sensor(), host);
}

}  // namespace
}  // namespace amtscope::emu
