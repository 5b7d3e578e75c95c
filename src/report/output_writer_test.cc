#include "report/output_writer.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/text_escape.h"
#include "report/report_testutil.h"

namespace amtscope {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::RunPython;
using testing::RunWriter;
using testing::SampleFindings;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string Golden(const std::string& name) {
  return ReadFile(std::string(AMTSCOPE_SOURCE_DIR) + "/src/report/testdata/" +
                  name);
}

// Exact output on fixed findings; the files were reviewed by hand and are
// also checked structurally below (parsers, not string matching).
// AMTSCOPE_UPDATE_GOLDEN=1 rewrites the files instead (review the diff).
TEST(OutputWriterTest, ExactOutputPerFormat) {
  for (std::string format : {"table", "ndjson", "csv", "xml", "gnmap"}) {
    std::string out = RunWriter(format, SampleFindings());
    if (std::getenv("AMTSCOPE_UPDATE_GOLDEN") != nullptr) {
      std::ofstream(std::string(AMTSCOPE_SOURCE_DIR) +
                        "/src/report/testdata/sample." + format,
                    std::ios::binary)
          << out;
      continue;
    }
    EXPECT_EQ(out, Golden("sample." + format)) << format;
  }
}

TEST(OutputWriterTest, UnknownFormatNamesTheChoices) {
  std::ostringstream out;
  auto writer = MakeOutputWriter("yaml", out);
  ASSERT_FALSE(writer.ok());
  EXPECT_THAT(writer.status().message(), HasSubstr("'yaml'"));
  EXPECT_THAT(writer.status().hint(), HasSubstr("ndjson"));
}

TEST(OutputWriterTest, NdjsonIsOneValidObjectPerOpenPort) {
  std::istringstream lines(RunWriter("ndjson", SampleFindings()));
  std::string line;
  std::vector<nlohmann::json> objects;
  nlohmann::json summary;
  while (std::getline(lines, line)) {
    auto j = nlohmann::json::parse(line);
    ASSERT_FALSE(summary.is_object()) << "a line after the summary: " << line;
    if (j["type"] == "summary") {
      summary = j;
    } else {
      EXPECT_EQ(j["type"], "port") << line;
      objects.push_back(j);
    }
  }
  ASSERT_EQ(objects.size(), 4u);
  ASSERT_TRUE(summary.is_object());
  EXPECT_EQ(summary["start"], "2026-11-25T01:00:00.000Z");
  EXPECT_EQ(summary["end"], "2026-11-25T01:00:05.000Z");
  EXPECT_EQ(summary["arguments"], testing::SampleInfo().command_line);
  EXPECT_EQ(summary["probes"], 256);
  EXPECT_EQ(summary["open_ports"], 4);
  EXPECT_EQ(summary["vulnerable"], 1);
  EXPECT_EQ(summary["interrupted"], false);
  EXPECT_TRUE(summary.contains("seed"));
  const auto& v = objects[0];
  EXPECT_EQ(v["ip"], "198.18.0.10");
  EXPECT_EQ(v["port"], 16992);
  EXPECT_EQ(v["tls"], false);
  EXPECT_EQ(v["amt"], true);
  EXPECT_EQ(v["verdict"], "vulnerable");
  EXPECT_EQ(v["basis"], "bypass");
  EXPECT_EQ(v["advisories"], nlohmann::json::array({"INTEL-SA-00075"}));
  EXPECT_TRUE(v["error"].is_null());
  EXPECT_EQ(v["time"], "2026-11-25T01:00:02.000Z");
  EXPECT_TRUE(objects[2]["version"].is_null());  // bare "AMT"
  EXPECT_EQ(objects[3]["error"], "protocol");
  EXPECT_EQ(objects[3]["server"],
            "evil\"<,>&\x01\n=cmd|'");  // round-trips exactly
}

TEST(OutputWriterTest, CsvParsesWithPythonAndKeepsFields) {
  auto [status, out] = RunPython(
      "import csv, sys\n"
      "rows = list(csv.reader(open(sys.argv[1], newline='')))\n"
      "assert rows[0][:4] == ['ip','port','tls','amt'], rows[0]\n"
      "assert all(len(r) == len(rows[0]) for r in rows), [len(r) for r in "
      "rows]\n"
      "print(len(rows) - 1, rows[4][12].replace('\\n', '|'), rows[1][9])\n",
      RunWriter("csv", SampleFindings()));
  EXPECT_EQ(status, 0) << out;
  EXPECT_EQ(out, "4 evil\"<,>&\\x01|=cmd|' INTEL-SA-00075\n");
}

constexpr const char* kXmlCheck =
    "import sys, xml.etree.ElementTree as E\n"
    "lines = open(sys.argv[1]).read().split('\\n')\n"
    "assert lines[0].startswith('<?xml'), 'metasploit sniffs <?xml on line 1'\n"
    "assert any(l.startswith('<nmaprun') for l in lines[:10])\n"
    "r = E.parse(sys.argv[1]).getroot()\n"
    "assert r.tag == 'nmaprun' and r.get('xmloutputversion') == '1.05'\n"
    "int(r.get('start'))\n"
    "for name in ('scaninfo', 'verbose', 'debugging', 'runstats/finished', "
    "'runstats/hosts'):\n"
    "  assert r.find(name) is not None, name\n"
    "out = []\n"
    "for h in r.findall('host'):\n"
    "  assert [c.tag for c in h][:2] == ['status', 'address']\n"
    "  for p in h.findall('ports/port'):\n"
    "    s = p.find('script/table/elem[@key=\"state\"]')\n"
    "    out.append('%s:%s:%s:%s' % (h.find('address').get('addr'), "
    "p.get('portid'),\n"
    "               p.find('service').get('name'), s.text if s is not None "
    "else '-'))\n"
    "f = r.find('runstats/finished')\n"
    "print(' '.join(out), f.get('exit'), r.find('runstats/hosts').get('up'))\n";

TEST(OutputWriterTest, XmlParsesGroupedByHostInAddressOrder) {
  auto [status, out] = RunPython(kXmlCheck, RunWriter("xml", SampleFindings()));
  EXPECT_EQ(status, 0) << out;
  EXPECT_EQ(
      out,
      "198.18.0.2:16993:amt-soap-https:NOT VULNERABLE "
      "198.18.0.3:16992:amt-soap-http:- "
      "198.18.0.10:16992:amt-soap-http:VULNERABLE "
      "198.18.0.10:16993:amt-soap-https:UNKNOWN (unable to test) success 3\n");
}

// nmap counts addresses: a /24 on two ports is 256 hosts, not 512 probes.
TEST(OutputWriterTest, XmlCountsAddressesNotProbes) {
  for (auto [probes, total] : {std::pair{512, 256}, {511, 256}, {100, 50}}) {
    std::ostringstream out;
    auto writer = MakeOutputWriter("xml", out).value();
    ScanInfo info = testing::SampleInfo();  // 256 addresses, 2 ports
    info.scan_type = "syn";
    RunStats stats = testing::SampleStats();
    stats.targets_done = static_cast<uint64_t>(probes);
    ASSERT_TRUE(writer->Begin(info).ok());
    ASSERT_TRUE(writer->Record(SampleFindings()[0]).ok());
    ASSERT_TRUE(writer->End(stats).ok());
    EXPECT_THAT(out.str(), HasSubstr(fmt::format(
                               "<hosts up=\"1\" down=\"{}\" total=\"{}\"/>",
                               total - 1, total)))
        << probes;
    EXPECT_THAT(out.str(), HasSubstr(fmt::format("; {} IP addresses (1 host "
                                                 "up)",
                                                 total)));
    EXPECT_THAT(out.str(), HasSubstr("<scaninfo type=\"syn\" "));
  }
  EXPECT_THAT(RunWriter("xml", SampleFindings()),
              HasSubstr("<scaninfo type=\"connect\" "));
}

TEST(OutputWriterTest, XmlOfAnInterruptedScanIsStillWellFormed) {
  std::string xml = RunWriter("xml", SampleFindings(), /*interrupted=*/true);
  auto [status, out] = RunPython(kXmlCheck, xml);
  EXPECT_EQ(status, 0) << out;
  EXPECT_THAT(out, HasSubstr(" error 3"));
  EXPECT_THAT(xml,
              HasSubstr("errormsg=\"interrupted; continue with --resume\""));
  auto [empty_status, empty_out] =
      RunPython(kXmlCheck, RunWriter("xml", {}, true));
  EXPECT_EQ(empty_status, 0) << empty_out;
}

// Our vulns-library table must have the same shape as nmap 7.93's own output
// for this script (captured from nmap against a stub on 127.0.0.1).
TEST(OutputWriterTest, XmlScriptTableMatchesNmapsOwn) {
  std::string script =
      "import sys, xml.etree.ElementTree as E\n"
      "def shape(path):\n"
      "  r = {}\n"
      "  for p in E.parse(path).getroot().iter('port'):\n"
      "    t = p.find('script/table')\n"
      "    if t is None: continue\n"
      "    st = t.find('elem[@key=\"state\"]').text\n"
      "    keys = [c.get('key') for c in t if c.get('key') != "
      "'check_results']\n"
      "    vals = {c.get('key'): (c.text or '') + '|'.join(sorted(x.text or '' "
      "for x in c.iter('elem')))\n"
      "            for c in t}\n"
      "    vals.pop('check_results', None)\n"
      "    r[st] = (p.find('script').get('id'), keys, vals, "
      "p.find('script').get('output').split('\\n')[:5])\n"
      "  return r\n"
      "ours, nmap = shape(sys.argv[1]), shape('" AMTSCOPE_SOURCE_DIR
      "/src/report/testdata/nmap-7.93-http-vuln-cve2017-5689.xml')\n"
      "for st in ('VULNERABLE', 'NOT VULNERABLE'):\n"
      "  assert ours[st][0] == nmap[st][0], st\n"
      "  assert sorted(ours[st][1]) == sorted(nmap[st][1]), (st, ours[st][1], "
      "nmap[st][1])\n"
      "  assert ours[st][2] == nmap[st][2], (st, ours[st][2], nmap[st][2])\n"
      "  assert ours[st][3] == nmap[st][3], (st, ours[st][3], nmap[st][3])\n"
      "print('same')\n";
  auto [status, out] = RunPython(script, RunWriter("xml", SampleFindings()));
  EXPECT_EQ(status, 0) << out;
  EXPECT_EQ(out, "same\n");
}

TEST(OutputWriterTest, ResumedXmlContinuesTheSameDocument) {
  std::string path = ::testing::TempDir() + "/amtscope_resume.xml";
  auto findings = SampleFindings();
  std::ofstream(path, std::ios::binary)
      << RunWriter("xml", {findings[0], findings[1]}, /*interrupted=*/true);
  auto prepared = PrepareAppend("xml", path);
  ASSERT_TRUE(prepared.ok()) << prepared.status().ToString();
  EXPECT_TRUE(*prepared);
  std::string cut = ReadFile(path);
  EXPECT_THAT(cut, Not(HasSubstr("</nmaprun>")));
  std::string more =
      RunWriter("xml", {findings[3]}, false, WriterOptions{.append = true});
  EXPECT_THAT(more, Not(HasSubstr("<?xml")));
  auto [status, out] = RunPython(kXmlCheck, cut + more);
  EXPECT_EQ(status, 0) << out;
  EXPECT_THAT(out, HasSubstr("198.18.0.2:16993"));
  EXPECT_THAT(out, HasSubstr("198.18.0.3:16992"));
  EXPECT_THAT(out, HasSubstr("198.18.0.10:16992"));

  EXPECT_FALSE(*PrepareAppend("xml", path + ".missing"));
  std::ofstream(path) << "<html>not ours</html>";
  auto foreign = PrepareAppend("xml", path);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.status().code(), StatusCode::kInvalidArgument);
}

// A scan killed (kill -9) before its End leaves only the XML header; the cut
// used to keep one byte too many and grew the file by a NUL (issue 10).
TEST(OutputWriterTest, ResumingAHeaderOnlyXmlKeepsTheHeaderExactly) {
  std::string path = ::testing::TempDir() + "/amtscope_header_only.xml";
  std::string full = RunWriter("xml", {}, /*interrupted=*/true);
  std::string header = full.substr(0, full.find("<runstats>"));
  std::ofstream(path, std::ios::binary) << header;
  auto prepared = PrepareAppend("xml", path);
  ASSERT_TRUE(prepared.ok()) << prepared.status().ToString();
  EXPECT_EQ(ReadFile(path), header);
}

TEST(OutputWriterTest, ResumedCsvWritesNoSecondHeader) {
  std::string more = RunWriter("csv", {SampleFindings()[0]}, false,
                               WriterOptions{.append = true});
  EXPECT_THAT(more, Not(HasSubstr("ip,port")));
  EXPECT_THAT(more, HasSubstr("198.18.0.10,16992"));
}

TEST(OutputWriterTest, TableSummaryAndInterruption) {
  std::string table =
      RunWriter("table", SampleFindings(), /*interrupted=*/true);
  EXPECT_THAT(
      table,
      HasSubstr(
          "Interrupted: 256 address:port probes in 5.0 s; 4 open ports, 3 AMT, "
          "1 vulnerable."));
  EXPECT_THAT(
      table,
      Not(HasSubstr("\x01")));  // control characters never reach the terminal
}

TEST(OutputWriterTest, GnmapHasOneStatusAndOnePortsLinePerHost) {
  std::string text = RunWriter("gnmap", SampleFindings());
  std::istringstream lines(text);
  std::string line;
  std::vector<std::string> hosts;
  while (std::getline(lines, line)) {
    if (line.starts_with("#")) continue;
    ASSERT_TRUE(line.starts_with("Host: ")) << line;
    size_t tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << line;
    hosts.push_back(line.substr(6, tab - 6) + " " +
                    line.substr(tab + 1, line.find(':', tab) - tab - 1));
  }
  EXPECT_THAT(hosts, ::testing::ElementsAre(
                         "198.18.0.2 () Status", "198.18.0.2 () Ports",
                         "198.18.0.3 () Status", "198.18.0.3 () Ports",
                         "198.18.0.10 () Status", "198.18.0.10 () Ports"));
  // The hostile Server header cannot break the '/'- and ','-separated fields.
  EXPECT_THAT(text, HasSubstr("16992/open/tcp//amt-soap-http//evil\"<;>&"));
  EXPECT_THAT(text, Not(HasSubstr("\x01")));
  EXPECT_THAT(text, HasSubstr("16992/open/tcp//amt-soap-http//Intel Active "
                              "Management Technology 8.1.40 (CVE-2017-5689: "
                              "vulnerable)/, 16993/open/tcp//ssl|"));
}

TEST(OutputWriterTest, TeeFeedsEveryWriterAndNamesTheOneThatFailed) {
  std::ostringstream good;
  std::ofstream bad("/dev/full");
  std::vector<NamedWriter> writers;
  writers.push_back({"stdout", MakeOutputWriter("ndjson", good).value()});
  writers.push_back({"full.ndjson", MakeOutputWriter("ndjson", bad).value()});
  auto tee = MakeTeeWriter(std::move(writers));
  ASSERT_TRUE(tee->Begin(testing::SampleInfo()).ok());
  Status st;
  for (const Finding& f : SampleFindings()) st = tee->Record(f);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(), "cannot write full.ndjson");
  EXPECT_FALSE(st.hint().empty());
  EXPECT_FALSE(tee->End(testing::SampleStats()).ok());
  EXPECT_EQ(good.str(), RunWriter("ndjson", SampleFindings()));
}

TEST(OutputWriterTest, TableShowsTheFirstAdvisoryAndHowManyMore) {
  auto findings = SampleFindings();
  findings[0].advisories = {"INTEL-SA-00075", "INTEL-SA-00086",
                            "INTEL-SA-00112"};
  std::string table = RunWriter("table", {findings[0]});
  EXPECT_THAT(table, HasSubstr(" INTEL-SA-00075 +2  empty Digest"));
  EXPECT_THAT(table, Not(HasSubstr("INTEL-SA-00086")));
}

// Piped or written to a file (the default options): no escape codes, every
// note whole, whatever its length.
TEST(OutputWriterTest, TableIsPlainByDefault) {
  auto findings = SampleFindings();
  findings[0].reason = std::string(300, 'x');
  std::string table = RunWriter("table", findings);
  EXPECT_THAT(table, Not(HasSubstr("\x1b")));
  EXPECT_THAT(table, HasSubstr(std::string(300, 'x')));
  EXPECT_THAT(table, Not(HasSubstr("\xe2\x80\xa6")));
}

// On a terminal: `vulnerable` in bold red, the columns still aligned (the
// codes take no room), other verdicts and the header uncoloured.
TEST(OutputWriterTest, TableColoursVulnerableWhenAsked) {
  std::string table =
      RunWriter("table", SampleFindings(), false, {.color = true});
  EXPECT_THAT(table, HasSubstr("8.1.40        \x1b[1;31mvulnerable\x1b[0m     "
                               "bypass  INTEL-SA-00075     empty"));
  EXPECT_EQ(std::count(table.begin(), table.end(), '\x1b'), 2);
  std::string plain = RunWriter("table", SampleFindings());
  std::string stripped = table;
  for (std::string code : {"\x1b[1;31m", "\x1b[0m"}) {
    stripped.erase(stripped.find(code), code.size());
  }
  EXPECT_EQ(stripped, plain);
}

// On a terminal of 100 columns every line fits: the note is cut with "…"
// where it would run over; the header's NOTE and the summary stay whole.
TEST(OutputWriterTest, TableCutsTheNoteToTheWidth) {
  auto findings = SampleFindings();
  findings[0].reason = "\xc3\xa9" + std::string(200, 'y');  // "é" then 200 y
  std::string table =
      RunWriter("table", findings, false, {.color = true, .width = 100});
  std::istringstream lines(table);
  std::string line;
  while (std::getline(lines, line)) {
    std::string shown = line;
    for (std::string code : {"\x1b[1;31m", "\x1b[0m"}) {
      if (auto at = shown.find(code); at != std::string::npos) {
        shown.erase(at, code.size());
      }
    }
    EXPECT_LE(DisplayWidth(shown), 100u) << line;
  }
  // 94 columns before NOTE: "é", four y and "…" fill the last six.
  EXPECT_THAT(table,
              HasSubstr(" INTEL-SA-00075     \xc3\xa9yyyy\xe2\x80\xa6\n"));
  EXPECT_THAT(table, HasSubstr(" [prot\xe2\x80\xa6\n"));
  EXPECT_THAT(table, HasSubstr("ADVISORIES         NOTE\n"));
  EXPECT_THAT(table, HasSubstr("\nDone: 256 address:port probes"));
}

TEST(TextEscapeTest, CutsToWidthOnCodePoints) {
  EXPECT_EQ(DisplayWidth("a\xc3\xa9\xe2\x80\xa6"), 3u);
  EXPECT_EQ(CutToWidth("abc", 3), "abc");
  EXPECT_EQ(CutToWidth("abcd", 3), "ab\xe2\x80\xa6");
  EXPECT_EQ(CutToWidth("\xc3\xa9\xc3\xa9\xc3\xa9", 2), "\xc3\xa9\xe2\x80\xa6");
  EXPECT_EQ(CutToWidth("abcd", 1), "\xe2\x80\xa6");
  EXPECT_EQ(CutToWidth("abcd", 0), "");
}

TEST(OutputWriterTest, TableReasonColumnOnlyWhenAsked) {
  auto findings = SampleFindings();
  findings[0].bypass_marker = true;  // the probe saw the AMT page
  findings[1].control_status = 0;    // no control after a 401
  std::ostringstream out;
  auto writer = MakeOutputWriter("table", out, {.reason = true});
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Begin(testing::SampleInfo()).ok());
  for (const Finding& f : findings) ASSERT_TRUE((*writer)->Record(f).ok());
  std::string table = out.str();
  EXPECT_THAT(table, HasSubstr(" REASON "));
  EXPECT_THAT(table, HasSubstr(" empty-digest-200/wrong-401 "));
  EXPECT_THAT(table, HasSubstr(" empty-digest-401 "));
  EXPECT_THAT(table, HasSubstr(" no HTTP answer "));  // first_status 0
  EXPECT_THAT(RunWriter("table", findings), Not(HasSubstr("REASON")));
}

TEST(OutputWriterTest, ReasonCodeInEveryFormat) {
  auto findings = SampleFindings();
  findings[0].bypass_marker = true;
  std::string ndjson = RunWriter("ndjson", findings);
  auto first = nlohmann::json::parse(ndjson.substr(0, ndjson.find('\n')));
  EXPECT_EQ(first["reason_code"], "empty-digest-200/wrong-401");
  std::string csv = RunWriter("csv", findings);
  EXPECT_THAT(csv, HasSubstr(",control_status,reason_code,cert_sha256,proto,"));
  EXPECT_THAT(csv, HasSubstr(",200,401,empty-digest-200/wrong-401,,tcp,"));
  // XML: nmap's own <state reason=...>, "syn-ack" unless --reason.
  EXPECT_THAT(RunWriter("xml", findings), HasSubstr("reason=\"syn-ack\""));
  std::string xml = RunWriter("xml", findings, false, {.reason = true});
  EXPECT_THAT(xml, HasSubstr("<state state=\"open\" "
                             "reason=\"empty-digest-200/wrong-401\" "
                             "reason_ttl=\"0\"/>"));
  EXPECT_THAT(xml, HasSubstr("reason=\"no HTTP answer\""));
  auto [status, out] = RunPython(kXmlCheck, xml);
  EXPECT_EQ(status, 0) << out;
}

TEST(TextEscapeTest, EscapesEverything) {
  EXPECT_EQ(XmlEscape("a<b>&\"'\n\x02"),
            "a&lt;b&gt;&amp;&quot;&apos;&#xa;\\x02");
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField(" edge"), "\" edge\"");
  EXPECT_EQ(CsvField("bell\x07"), "bell\\x07");
  EXPECT_EQ(SanitizeUtf8("ok\xff\xc3\xa9"), "ok\xef\xbf\xbd\xc3\xa9");
  EXPECT_EQ(SanitizeUtf8("\xed\xa0\x80"),
            "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  // surrogate
  EXPECT_EQ(PrintableLine("a\tb\x1b[31m"), "a\\x09b\\x1b[31m");
  EXPECT_EQ(Rfc3339(testing::FixedTime(0) + std::chrono::milliseconds(7)),
            "2026-11-25T01:00:00.007Z");
  EXPECT_EQ(CtimeUtc(testing::FixedTime(0)), "Wed Nov 25 01:00:00 2026");
}

TEST(TextEscapeTest, XmlWithHostileServerHeaderStillParses) {
  auto findings = SampleFindings();
  findings[0].reason = "\x01\x02<script>\xff]]>";
  findings[0].ip = "198.18.0.10";
  auto [status, out] = RunPython(kXmlCheck, RunWriter("xml", findings));
  EXPECT_EQ(status, 0) << out;
}

}  // namespace
}  // namespace amtscope

namespace amtscope {
namespace {

// Issue 15: an RMCP record is one udp line; AMT records carry provisioning,
// redirection and exposures in every format.
TEST(OutputWriterTest, RmcpAndRedirectionFields) {
  std::vector<Finding> findings = testing::SampleFindings();
  Finding rmcp;
  rmcp.ip = "198.18.0.20";
  rmcp.port = 623;
  rmcp.proto = "udp";
  rmcp.amt = true;
  rmcp.product = "amt";
  rmcp.version = *FirmwareVersion::Parse("8.1");
  rmcp.provisioning = "pre";
  rmcp.redirection = false;
  rmcp.verdict = ScanVerdict::kNotVulnerable;
  rmcp.reason = "unprovisioned: the web server is not listening";
  findings.push_back(rmcp);
  findings[0].redirection = true;
  findings[0].exposures = {"plaintext"};
  std::string ndjson = RunWriter("ndjson", findings);
  bool saw_udp = false;
  std::istringstream lines(ndjson);
  for (std::string line; std::getline(lines, line);) {
    auto j = nlohmann::json::parse(line);
    if (j["type"] != "port" || j["proto"] != "udp") continue;
    saw_udp = true;
    EXPECT_EQ(j["port"], 623);
    EXPECT_EQ(j["version"], "8.1");
    EXPECT_EQ(j["provisioning"], "pre");
    EXPECT_EQ(j["redirection"], false);
  }
  EXPECT_TRUE(saw_udp);
  EXPECT_THAT(ndjson,
              HasSubstr("\"redirection\":true,\"exposures\":[\"plaintext\"]"));
  EXPECT_THAT(RunWriter("csv", findings), HasSubstr(",udp,pre,false,\r\n"));
  std::string xml = RunWriter("xml", findings);
  EXPECT_THAT(xml, HasSubstr("<port protocol=\"udp\" portid=\"623\">"));
  EXPECT_THAT(xml, HasSubstr("name=\"asf-rmcp\""));
  EXPECT_THAT(xml, HasSubstr("<elem key=\"provisioning\">pre</elem>"));
  EXPECT_THAT(RunWriter("gnmap", findings),
              HasSubstr("623/open/udp//asf-rmcp"));
}

}  // namespace
}  // namespace amtscope
