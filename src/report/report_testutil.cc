#include "report/report_testutil.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace amtscope::testing {

std::chrono::system_clock::time_point FixedTime(int seconds) {
  return std::chrono::system_clock::time_point(
      std::chrono::seconds(1795568400 + seconds));
}

std::vector<Finding> SampleFindings() {
  Finding vulnerable;
  vulnerable.ip = "198.18.0.10";
  vulnerable.port = 16992;
  vulnerable.amt = true;
  vulnerable.product = "amt";
  vulnerable.server = "Intel(R) Active Management Technology 8.1.40";
  vulnerable.version = FirmwareVersion(8, 1, 40);
  vulnerable.realm = "Digest:A3829B3827DE4D33D4449B366831FD01";
  vulnerable.verdict = ScanVerdict::kVulnerable;
  vulnerable.basis = VerdictBasis::kBypass;
  vulnerable.advisories = {"INTEL-SA-00075"};
  vulnerable.reason =
      "empty Digest response accepted (200), wrong response refused (401)";
  vulnerable.bypass_status = 200;
  vulnerable.control_status = 401;
  vulnerable.time = FixedTime(2);

  Finding patched = vulnerable;
  patched.ip = "198.18.0.2";
  patched.port = 16993;
  patched.tls = true;
  patched.tls_version = "TLSv1";
  patched.cert_sha256 =
      "5e3f0c1d2b4a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
  patched.server = "Intel(R) Active Management Technology 11.8.55";
  patched.version = FirmwareVersion(11, 8, 55);
  patched.verdict = ScanVerdict::kNotVulnerable;
  patched.advisories = {};
  patched.reason = "empty Digest response refused (401)";
  patched.bypass_status = 401;
  patched.time = FixedTime(1);

  Finding bare = vulnerable;
  bare.port = 16993;
  bare.tls = true;
  bare.server = "AMT";
  bare.version = FirmwareVersion();
  bare.verdict = ScanVerdict::kUnknown;
  bare.basis = VerdictBasis::kNone;
  bare.advisories = {};
  bare.reason = "--passive: bare \"AMT\" banner gives no version";
  bare.bypass_status = 0;
  bare.control_status = 0;
  bare.time = FixedTime(3);

  Finding other;
  other.ip = "198.18.0.3";
  other.port = 16992;
  other.server = "evil\"<,>&\x01\n=cmd|'";
  other.verdict = ScanVerdict::kNotAmt;
  other.error = "protocol";
  other.reason = "not an HTTP response";
  other.time = FixedTime(4);
  return {vulnerable, patched, bare, other};
}

ScanInfo SampleInfo() {
  return {
      "amtscope scan -p 16992,16993 --format xml 198.18.0.0/24 --exclude "
      "\"198.18.0.1\"",
      {16992, 16993},
      256,
      FixedTime(0)};
}

RunStats SampleStats(bool interrupted) {
  RunStats stats;
  stats.targets_done = 256;
  stats.open_ports = 4;
  stats.amt_found = 3;
  stats.vulnerable = 1;
  stats.interrupted = interrupted;
  stats.end = FixedTime(5);
  return stats;
}

std::string RunWriter(std::string_view format,
                      const std::vector<Finding>& findings, bool interrupted,
                      WriterOptions options) {
  std::ostringstream out;
  auto writer = MakeOutputWriter(format, out, options);
  EXPECT_TRUE(writer.ok());
  if (!writer.ok()) return "";
  EXPECT_TRUE((*writer)->Begin(SampleInfo()).ok());
  for (const auto& f : findings) EXPECT_TRUE((*writer)->Record(f).ok());
  EXPECT_TRUE((*writer)->End(SampleStats(interrupted)).ok());
  return out.str();
}

std::pair<int, std::string> RunPython(const std::string& script,
                                      const std::string& text) {
  // Per process: test runs of other checkouts share /tmp and used to swap
  // each other's scripts (flaky XML/CSV checks).
  std::string base = ::testing::TempDir() + "/amtscope_report_check." +
                     std::to_string(getpid());
  std::string path = base + ".txt";
  std::ofstream(path, std::ios::binary) << text;
  std::string py_path = base + ".py";
  std::ofstream(py_path) << script;
  std::string cmd = "python3 " + py_path + " " + path + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  std::string output;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, pipe)) output.append(buf, n);
  int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

}  // namespace amtscope::testing
