#include "scan/scan_options.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "cli/nmap_args.h"
#include "cli/option_binding.h"

namespace amtscope {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Parses a command line through CLI11 exactly as the scan command will.
Result<ScanOptions> Parse(std::vector<std::string> args) {
  CLI::App app{"test"};
  ScanOptions options;
  CLI::App* scan = app.add_subcommand("scan");
  cli::BindOptions(scan, ScanOptionTable(), &options);
  args.insert(args.begin(), "scan");
  AMTSCOPE_ASSIGN_OR_RETURN(std::vector<std::string> rewritten,
                            cli::RewriteNmapStyleArgs(args));
  std::reverse(rewritten.begin(), rewritten.end());
  try {
    app.parse(rewritten);
  } catch (const CLI::ParseError& e) {
    return Status::InvalidArgument(e.what());
  }
  return options;
}

TEST(ScanOptionsTest, DefaultsSuitALan) {
  ScanOptions o;
  // AMT's ports (issue 15): the web server on four TCP ports, RMCP on UDP.
  EXPECT_THAT(o.ports, ElementsAre(623, 664, 16992, 16993));
  EXPECT_THAT(o.udp_ports, ElementsAre(623));
  EXPECT_EQ(o.rate, 5000u);
  EXPECT_EQ(o.concurrency, 2000u);
  EXPECT_EQ(o.timeout, std::chrono::seconds(3));
  EXPECT_EQ(o.retries, 1u);
  EXPECT_EQ(o.probe_deadline, std::chrono::seconds(15));
  EXPECT_EQ(o.max_response_bytes, 65536u);
  EXPECT_FALSE(o.format.has_value());  // auto
  EXPECT_EQ(o.shard, (Shard{1, 1}));
}

TEST(ScanOptionsTest, CommandLineSetsEveryKind) {
  auto o = Parse({"198.18.0.0/24",
                  "-iL",
                  "-",
                  "--exclude",
                  "198.18.0.1",
                  "198.18.1.1",
                  "-p",
                  "623,16992-16993",
                  "--rate",
                  "100",
                  "--timeout",
                  "500ms",
                  "--probe-deadline",
                  "1m",
                  "--max-response",
                  "128k",
                  "--passive",
                  "--seed",
                  "42",
                  "--shard",
                  "2/3",
                  "--format",
                  "xml",
                  "-o",
                  "out.xml",
                  "-q",
                  "--confirm-large",
                  "--fail-on-findings"});
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_THAT(o->targets, ElementsAre("198.18.0.0/24", "198.18.1.1"));
  EXPECT_THAT(o->input_lists, ElementsAre("-"));
  EXPECT_THAT(o->excludes, ElementsAre("198.18.0.1"));
  EXPECT_THAT(o->ports, ElementsAre(623, 16992, 16993));
  EXPECT_EQ(o->rate, 100u);
  EXPECT_EQ(o->timeout, std::chrono::milliseconds(500));
  EXPECT_EQ(o->probe_deadline, std::chrono::minutes(1));
  EXPECT_EQ(o->max_response_bytes, 131072u);
  EXPECT_TRUE(o->passive);
  EXPECT_EQ(o->seed, 42u);
  EXPECT_EQ(o->shard, (Shard{2, 3}));
  EXPECT_EQ(o->format, OutputFormat::kXml);
  EXPECT_EQ(o->output, "out.xml");
  EXPECT_TRUE(o->quiet);
  EXPECT_TRUE(o->confirm_large);
  EXPECT_TRUE(o->fail_on_findings);
}

TEST(ScanOptionsTest, BadValuesFailWithHints) {
  struct Case {
    std::vector<std::string> args;
    std::string expect;
  } cases[] = {
      {{"-p", "0"}, "bad port '0'"},
      {{"--rate", "0"}, "bad --rate '0'"},
      {{"--shard", "3/2"}, "bad shard '3/2'"},
      {{"--timeout", "soon"}, "bad --timeout 'soon'"},
      {{"--format", "yaml"}, "bad --format 'yaml'"},
      {{"--concurrency", "-5"}, "bad --concurrency"},
      {{"--progress", "loud"}, "bad --progress"},
      {{"--max-response", "12"}, "bad --max-response"},
  };
  for (const auto& c : cases) {
    auto o = Parse(c.args);
    ASSERT_FALSE(o.ok()) << c.expect;
    EXPECT_THAT(o.status().message(), HasSubstr(c.expect));
    EXPECT_THAT(o.status().message(), HasSubstr("hint:")) << c.expect;
  }
}

TEST(ScanOptionsTest, FinalizePicksASeedAndChecksCombinations) {
  ScanOptions o;
  auto none = FinalizeScanOptions(&o);
  ASSERT_FALSE(none.ok());
  EXPECT_THAT(none.message(), HasSubstr("no targets"));
  o.targets = {"198.18.0.1"};
  ASSERT_TRUE(FinalizeScanOptions(&o).ok());
  EXPECT_NE(o.seed, 0u);
  o.probe_deadline = std::chrono::seconds(1);
  EXPECT_THAT(FinalizeScanOptions(&o).message(),
              HasSubstr("shorter than --timeout"));

  ScanOptions resumed;
  resumed.resume = "amtscope.resume";
  resumed.quiet = true;
  resumed.verbose = true;       // -v writes stderr only: allowed on resume
  resumed.packet_trace = true;  // so does -vv
  EXPECT_TRUE(FinalizeScanOptions(&resumed).ok());
  resumed.rate = 10;  // the pace may change on resume (issue 9 item 13)
  resumed.concurrency = 10;
  EXPECT_TRUE(FinalizeScanOptions(&resumed).ok());
  resumed.passive = true;  // what is scanned may not
  auto mixed = FinalizeScanOptions(&resumed);
  ASSERT_FALSE(mixed.ok());
  EXPECT_THAT(mixed.message(), HasSubstr("'passive'"));
}

// Every shard of a campaign, on any machine, scans one order without being
// told a seed; the checkpoint is in the database, never a local file.
TEST(ScanOptionsTest, CampaignDerivesItsSeedAndNeedsTheInventory) {
  ScanOptions a, b, c;
  for (ScanOptions* o : {&a, &b, &c}) o->targets = {"198.18.0.0/24"};
  a.campaign = b.campaign = "weekly-2026-W49";
  c.campaign = "weekly-2026-W50";
  for (ScanOptions* o : {&a, &b, &c}) ASSERT_TRUE(FinalizeScanOptions(o).ok());
  EXPECT_EQ(a.seed, b.seed);
  EXPECT_NE(a.seed, c.seed);
  EXPECT_TRUE(a.resume_file.empty());
  ScanOptions given;
  given.targets = {"198.18.0.0/24"};
  given.campaign = "weekly";
  given.seed = 42;
  ASSERT_TRUE(FinalizeScanOptions(&given).ok());
  EXPECT_EQ(given.seed, 42u);
  given.no_db = true;
  EXPECT_THAT(FinalizeScanOptions(&given).message(),
              ::testing::HasSubstr("--no-db"));
  ScanOptions bad;
  bad.targets = {"198.18.0.0/24"};
  bad.campaign = "a b";
  EXPECT_EQ(FinalizeScanOptions(&bad).code(), StatusCode::kInvalidArgument);
}

TEST(ScanOptionsTest, EchoRoundTripsThroughTheTable) {
  auto o = Parse({"198.18.0.0/24", "odd name with space", "--exclude",
                  "198.18.0.1", "-o", "out dir/res\"ults\n.xml", "--seed", "7",
                  "--timeout", "2500ms"});
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  std::string echo = EchoScanOptions(*o);
  EXPECT_THAT(echo, HasSubstr("target = 198.18.0.0/24\n"));
  EXPECT_THAT(echo, HasSubstr("target = \"odd name with space\"\n"));
  EXPECT_THAT(echo, HasSubstr("rate = 5000\n"));
  EXPECT_THAT(echo, HasSubstr("timeout = 2500ms\n"));
  EXPECT_THAT(echo, HasSubstr("ports = T:623,664,16992-16993,U:623\n"));
  EXPECT_THAT(echo, HasSubstr("shard = 1/1\n"));
  EXPECT_THAT(echo, ::testing::Not(HasSubstr("resume")));
  ScanOptions back;
  std::istringstream lines(echo);
  std::string line;
  while (std::getline(lines, line)) {
    size_t eq = line.find(" = ");
    ASSERT_TRUE(
        SetScanOption(&back, line.substr(0, eq), line.substr(eq + 3)).ok())
        << line;
  }
  EXPECT_EQ(EchoScanOptions(back), echo);
  EXPECT_EQ(back.output, o->output);
  EXPECT_EQ(back.udp_ports, o->udp_ports);
  // nmap's protocol prefixes; a plain list is TCP only.
  auto tu = Parse({"198.18.0.1", "-p", "T:16992,16993,U:623"});
  ASSERT_TRUE(tu.ok()) << tu.status().ToString();
  EXPECT_THAT(tu->ports, ElementsAre(16992, 16993));
  EXPECT_THAT(tu->udp_ports, ElementsAre(623));
  auto tcp = Parse({"198.18.0.1", "-p", "16992"});
  ASSERT_TRUE(tcp.ok());
  EXPECT_TRUE(tcp->udp_ports.empty());
  EXPECT_THAT(SetScanOption(&back, "colour", "red").message(),
              HasSubstr("unknown option"));
}

TEST(ScanOptionsTest, ScanTypeAcceptsNmapFlagsAndRejectsOthers) {
  ScanOptions o;
  EXPECT_EQ(o.scan_type, ScanType::kAuto);
  EXPECT_TRUE(SetScanOption(&o, "scan-type", "syn").ok());
  EXPECT_EQ(o.scan_type, ScanType::kSyn);
  Status bad = SetScanOption(&o, "scan-type", "udp");
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.ToString().find("connect"), std::string::npos);
  auto args = cli::RewriteNmapStyleArgs({"scan", "-sS", "-sT"});
  ASSERT_TRUE(args.ok());
  EXPECT_THAT(*args,
              ElementsAre("scan", "--scan-type=syn", "--scan-type=connect"));
  EXPECT_FALSE(cli::RewriteNmapStyleArgs({"scan", "-sX"}).ok());
}

TEST(ScanOptionsTest, NmapOutputFlagsNeverAddTargets) {
  auto o = Parse({"127.0.0.1", "-oX", "x.xml", "-oA", "localhost", "-oG",
                  "g.gnmap", "-oN", "n.txt", "-oJ", "j.ndjson"});
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_THAT(o->targets, ElementsAre("127.0.0.1"));
  EXPECT_EQ(o->output_xml, "x.xml");
  EXPECT_EQ(o->output_all, "localhost");
  EXPECT_EQ(o->output_grepable, "g.gnmap");
  EXPECT_EQ(o->output_normal, "n.txt");
  EXPECT_EQ(o->output_ndjson, "j.ndjson");
  EXPECT_TRUE(o->output.empty());
  auto unknown = Parse({"127.0.0.1", "-oL", "list.txt"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(unknown.status().message(), HasSubstr("'-oL'"));
}

TEST(ScanOptionsTest, EveryFieldIsInTheTable) {
  // Each saved row must change the echo when its field changes, so a field
  // cannot be silently missing from --echo and resume files.
  ScanOptions base;
  std::string base_echo = EchoScanOptions(base);
  std::vector<std::pair<std::string, std::string>> changes = {
      {"target", "198.18.0.1"},
      {"input-list", "t.txt"},
      {"exclude", "198.18.0.2"},
      {"exclude-file", "x.txt"},
      {"confirm-large", "true"},
      {"ports", "623"},
      {"rate", "7"},
      {"concurrency", "9"},
      {"timeout", "4s"},
      {"syn-timeout", "300ms"},
      {"retries", "3"},
      {"probe-deadline", "20s"},
      {"max-response", "2048"},
      {"scan-type", "connect"},
      {"passive", "true"},
      {"seed", "5"},
      {"shard", "1/2"},
      {"format", "csv"},
      {"output", "o.csv"},
      {"output-normal", "o.nmap"},
      {"output-xml", "o.xml"},
      {"output-grepable", "o.gnmap"},
      {"output-ndjson", "o.ndjson"},
      {"output-all", "o"},
      {"fail-on-findings", "true"},
      {"quiet", "true"},
      {"verbose", "true"},
      {"packet-trace", "true"},
      {"reason", "true"},
      {"progress", "none"},
      {"db", "inv.sqlite"},
      {"no-db", "true"},
      {"site", "hq"},
      {"campaign", "weekly"},
      {"db-scan-id", "7"}};
  size_t saved = 0;
  for (const auto& row : ScanOptionTable())
    saved += row.scope != OptionScope::kRun;
  EXPECT_EQ(changes.size(), saved);
  for (const auto& [name, value] : changes) {
    ScanOptions o;
    ASSERT_TRUE(SetScanOption(&o, name, value).ok()) << name;
    EXPECT_NE(EchoScanOptions(o), base_echo) << name;
  }
}

TEST(ScanOptionsTest, Durations) {
  EXPECT_EQ(*ParseDuration("3"), std::chrono::seconds(3));
  EXPECT_EQ(*ParseDuration("1.5s"), std::chrono::milliseconds(1500));
  EXPECT_EQ(*ParseDuration("250ms"), std::chrono::milliseconds(250));
  EXPECT_EQ(*ParseDuration("2m"), std::chrono::minutes(2));
  EXPECT_FALSE(ParseDuration("-1s").ok());
  EXPECT_FALSE(ParseDuration("s").ok());
}

}  // namespace
}  // namespace amtscope

namespace amtscope {
namespace {

// Each enum's names table parses what it prints, for every value, and the
// table rows print their defaults in that syntax.
TEST(ScanOptionsTest, EnumNamesTablesRoundTrip) {
  for (const auto& e : ScanTypeNames())
    EXPECT_EQ(ParseEnumName(ScanTypeNames(), e.name), e.value);
  for (const auto& e : ProgressModeNames())
    EXPECT_EQ(ParseEnumName(ProgressModeNames(), e.name), e.value);
  for (const auto& e : OutputFormatNames())
    EXPECT_EQ(ParseEnumName(OutputFormatNames(), e.name), e.value);
  EXPECT_EQ(EnumNameList(ScanTypeNames()), "auto, syn or connect");
  EXPECT_EQ(EnumNameList(ProgressModeNames()), "auto, tty, lines or none");
  EXPECT_THAT(OutputFormats(),
              ElementsAre("table", "ndjson", "csv", "xml", "gnmap"));
  EXPECT_EQ(OutputFormatName(OutputFormat::kGnmap), "gnmap");
}

// Only pace and verbosity may change on --resume; --resume itself and its
// companions are never saved.
TEST(ScanOptionsTest, ScopesReplaceSpecialCases) {
  std::vector<std::string_view> pace, run;
  for (const auto& row : ScanOptionTable()) {
    if (row.scope == OptionScope::kPace) pace.push_back(row.name);
    if (row.scope == OptionScope::kRun) run.push_back(row.name);
  }
  EXPECT_THAT(pace, ElementsAre("rate", "concurrency", "quiet", "verbose",
                                "packet-trace", "progress"));
  EXPECT_THAT(run, ElementsAre("resume", "resume-file", "force", "echo"));
}

}  // namespace
}  // namespace amtscope
