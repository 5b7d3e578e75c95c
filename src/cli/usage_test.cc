// The top level of the real binary: bare `amtscope`, `help`, unknown
// commands, and option-parser errors as one `amtscope:` line with a hint.
#include "cli/usage.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace amtscope::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::StartsWith;

struct ProcRun {
  int exit_code = -1;
  std::string out, err;
};

ProcRun Amtscope(const std::string& args) {
  std::string err_path = ::testing::TempDir() + "/amtscope_usage_err.txt";
  std::string cmd =
      std::string(AMTSCOPE_BINARY) + " " + args + " 2>" + err_path;
  ProcRun r;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return r;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;)
    r.out.append(buf, n);
  int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::stringstream ss;
  ss << std::ifstream(err_path).rdbuf();
  r.err = ss.str();
  return r;
}

// One line on stderr, "amtscope: ... (hint: ...)", nothing on stdout, exit 2.
void ExpectOneLineUsageError(const std::string& args) {
  ProcRun r = Amtscope(args);
  EXPECT_EQ(r.exit_code, 2) << args;
  EXPECT_EQ(r.out, "") << args;
  EXPECT_THAT(r.err, StartsWith("amtscope: ")) << args;
  EXPECT_THAT(r.err, HasSubstr("(hint: ")) << args;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << args << r.err;
}

TEST(UsageTest, ParserErrorsAreOneLineWithAHint) {
  for (const char* args :
       {"scan 127.0.0.1 -p 70000", "scan 127.0.0.1 --rate 0",
        "scan 127.0.0.1 -Z", "scan 127.0.0.1 --format a --format b",
        "scan 127.0.0.1 --shard 0/3", "emulate --mode broken",
        "emulate --threads 0", "lookup", "advisories show", "advisories",
        "check --bogus-flag", "check --device /nonexistent/mei"}) {
    ExpectOneLineUsageError(args);
  }
  EXPECT_THAT(Amtscope("scan 127.0.0.1 -Z").err,  // -v is a flag now
              HasSubstr("amtscope scan --help"));
}

TEST(UsageTest, BareHelpAndVersion) {
  ProcRun bare = Amtscope("");
  EXPECT_EQ(bare.exit_code, 0);
  EXPECT_THAT(bare.out, HasSubstr("Usage: amtscope"));
  EXPECT_THAT(bare.out, HasSubstr("scan"));
  EXPECT_THAT(bare.out, HasSubstr("emulate"));
  ProcRun help = Amtscope("help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("Examples:"));
  ProcRun scan_help = Amtscope("help scan");
  EXPECT_EQ(scan_help.exit_code, 0);
  EXPECT_THAT(scan_help.out, HasSubstr("--oA"));
  EXPECT_THAT(Amtscope("version").out, StartsWith("amtscope "));
}

// `--version` and `version` print the build detail on one line (M6).
TEST(UsageTest, VersionSaysHowItWasBuilt) {
  for (std::string args : {"--version", "version"}) {
    ProcRun r = Amtscope(args);
    EXPECT_EQ(r.exit_code, 0) << args;
    EXPECT_THAT(
        r.out, MatchesRegex("amtscope " AMTSCOPE_VERSION
                            " \\(commit ([0-9a-f]{4,}|unknown), [A-Za-z]+, "
                            "OpenSSL [0-9][^,]*, advisories [1-9][0-9]* "
                            "entries / newest [0-9]{4}-[0-9]{2}[-0-9]*, vendor "
                            "fixes [1-9][0-9]* rows( / newest "
                            "[0-9]{4}-[0-9]{2}-[0-9]{2})?, raw "
                            "sockets: (available|needs CAP_NET_RAW)\\)\n"))
        << args;
  }
}

TEST(UsageTest, UnknownCommandSuggestsTheNearest) {
  ExpectOneLineUsageError("sacn 127.0.0.1");
  EXPECT_THAT(Amtscope("sacn 127.0.0.1").err,
              HasSubstr("unknown command 'sacn' (hint: did you mean 'scan'?"));
  EXPECT_THAT(Amtscope("emu").err, HasSubstr("did you mean 'emulate'?"));
  ExpectOneLineUsageError("foo");
  ExpectOneLineUsageError("help foo");
}

// Durations are written one way everywhere: 500ms, 3s, 2m; bare = seconds.
TEST(UsageTest, DurationsAreWrittenOneWay) {
  ExpectOneLineUsageError("emulate --read-timeout 10x");
  ExpectOneLineUsageError("emulate --read-timeout 10ms");  // below 50ms
  ProcRun ok = Amtscope("emulate --read-timeout 10s");     // no --listen
  EXPECT_EQ(ok.exit_code, 2);
  EXPECT_THAT(ok.err, HasSubstr("--listen"));
  EXPECT_THAT(ok.err, ::testing::Not(HasSubstr("read-timeout")));
  std::string tree =
      std::string(AMTSCOPE_SOURCE_DIR) + "/tests/fixtures/machines/empty-tree";
  EXPECT_EQ(Amtscope("check --json --web-timeout 2s --root " + tree).exit_code,
            0);
  EXPECT_EQ(
      Amtscope("check --json --web-timeout 500ms --root " + tree).exit_code, 0);
  ExpectOneLineUsageError("check --web-timeout 700 --root " + tree);  // 700 s
}

TEST(UsageTest, CommandWordSkipsGlobalOptions) {
  EXPECT_EQ(CommandWord({"--advisories", "a.json", "scan", "x"}), "scan");
  EXPECT_EQ(CommandWord({"--version"}), "");
}

}  // namespace
}  // namespace amtscope::cli
