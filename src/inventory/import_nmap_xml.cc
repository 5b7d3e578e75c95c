// nmap -oX with --script http-vuln-cve2017-5689 (a real sample:
// src/report/testdata/nmap-7.93-http-vuln-cve2017-5689.xml). A flat scan
// over the tags, no tree and no recursion, so any bytes parse in linear
// time: <nmaprun args start>, <host>, <address addr addrtype>, <port
// portid protocol>, <state state>, <service product version>, <script
// id output>, <elem key="state">TEXT</elem>, </port>, <finished time>.
#include <charconv>
#include <string>

#include "core/strings.h"
#include "inventory/import.h"
#include "inventory/import_json.h"
#include "inventory/xml_scan.h"

namespace amtscope {

namespace {

constexpr std::string_view kScriptId = "http-vuln-cve2017-5689";

struct PortState {
  std::string ip;
  int port = 0;
  bool open = false;
  bool in_port = false;
  bool in_script = false;
  std::string script_state;  // "VULNERABLE", "NOT VULNERABLE", ...
  std::string service;       // <service product>
  std::string version;       // <service version>
};

std::optional<std::chrono::system_clock::time_point> UnixAttr(
    std::string_view text) {
  long long v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || v < 0 || v > (1LL << 40)) return std::nullopt;
  return std::chrono::system_clock::time_point(std::chrono::seconds(v));
}

// "State: VULNERABLE" in the script's output text.
std::string StateFromOutput(std::string_view output) {
  size_t at = output.find("State: ");
  if (at == std::string_view::npos) return {};
  std::string_view rest = output.substr(at + 7);
  return std::string(Trim(rest.substr(0, rest.find('\n'))));
}

void SetVerdict(const PortState& p, Finding* f) {
  const std::string& s = p.script_state;
  if (s.starts_with("VULNERABLE")) {
    f->verdict = ScanVerdict::kVulnerable;
    f->basis = VerdictBasis::kBypass;
    f->amt = true;
    f->product = "amt";
    f->advisories = {"INTEL-SA-00075"};
  } else if (s.starts_with("NOT VULNERABLE")) {
    f->verdict = ScanVerdict::kNotVulnerable;
    f->basis = VerdictBasis::kBypass;
  } else {
    f->verdict = ScanVerdict::kUnknown;
  }
  f->reason = s.empty() ? "nmap: open port, http-vuln-cve2017-5689 not run"
                        : "nmap http-vuln-cve2017-5689: " + s;
}

void EmitPort(const PortState& p, ImportedScan* scan) {
  if (!p.open) return;
  if (p.port < 1 || p.port > 65535 || !IsIpAddress(p.ip) ||
      scan->findings.size() >= kMaxImportRecords) {
    ++scan->skipped;
    return;
  }
  Finding f;
  f.ip = p.ip;
  f.port = static_cast<uint16_t>(p.port);
  f.server = p.service;
  SetVerdict(p, &f);
  if (IContains(p.service, "Active Management") ||
      IContains(p.service, "Manageability")) {
    f.amt = true;
    if (f.product.empty())
      f.product = IContains(p.service, "Manageability") ? "ism" : "amt";
    auto version = FirmwareVersion::Parse(p.version);
    if (version.ok()) f.version = *version;
  }
  if (scan->end)
    f.time = *scan->end;
  else if (scan->start)
    f.time = *scan->start;
  scan->findings.push_back(std::move(f));
}

void OnPortTag(const XmlTag& tag, PortState* p) {
  *p = PortState{p->ip};
  p->in_port = true;
  int port = 0;
  std::string id = tag.Attr("portid");
  std::from_chars(id.data(), id.data() + id.size(), port);
  p->port = tag.Attr("protocol") == "tcp" ? port : 0;
}

void OnTag(const XmlTag& tag, PortState* p, ImportedScan* scan) {
  const std::string& n = tag.name;
  if (n == "nmaprun") {
    scan->arguments = tag.Attr("args");
    scan->start = UnixAttr(tag.Attr("start"));
  } else if (n == "host") {
    *p = PortState{};
  } else if (n == "address") {
    std::string type = tag.Attr("addrtype");
    if (type == "ipv4" || type == "ipv6") p->ip = tag.Attr("addr");
  } else if (n == "port") {
    OnPortTag(tag, p);
  } else if (n == "/port") {
    EmitPort(*p, scan);
    p->in_port = false;
  } else if (n == "state" && p->in_port) {
    p->open = tag.Attr("state") == "open";
  } else if (n == "service" && p->in_port) {
    p->service = tag.Attr("product");
    p->version = tag.Attr("version");
  } else if (n == "script" && p->in_port) {
    p->in_script = tag.Attr("id") == kScriptId;
    if (p->in_script) p->script_state = StateFromOutput(tag.Attr("output"));
  } else if (n == "/script") {
    p->in_script = false;
  } else if (n == "elem" && p->in_script && tag.Attr("key") == "state") {
    p->script_state = std::string(Trim(tag.text));
  } else if (n == "finished") {
    scan->end = UnixAttr(tag.Attr("time"));
  }
}

}  // namespace

Result<ImportedScan> ParseNmapXml(std::string_view text) {
  ImportedScan scan;
  scan.format = ImportFormat::kNmapXml;
  PortState port;
  bool saw_nmaprun = false;
  ForEachXmlTag(text, [&](const XmlTag& tag) {
    saw_nmaprun = saw_nmaprun || tag.name == "nmaprun";
    OnTag(tag, &port, &scan);
  });
  if (!saw_nmaprun) {
    return Status::Corruption("no <nmaprun> element: not nmap XML",
                              "give the file written by nmap -oX");
  }
  return scan;
}

}  // namespace amtscope
