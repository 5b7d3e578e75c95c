// NDJSON: one object per open port per line (docs/conventions.md §2a:
// streamable, survives interruption, what jq/Splunk/ELK ingest).
#include <nlohmann/json.hpp>

#include "core/text_escape.h"
#include "report/writers.h"

namespace amtscope {

namespace {

nlohmann::ordered_json StringOrNull(const std::string& s) {
  return s.empty() ? nlohmann::ordered_json(nullptr)
                   : nlohmann::ordered_json(s);
}

nlohmann::ordered_json StatusOrNull(int status) {
  return status == 0 ? nlohmann::ordered_json(nullptr)
                     : nlohmann::ordered_json(status);
}

// Every line carries "type" first: "port" per open port, one "summary" at
// the end, so readers that want ports skip the rest by its type.
class NdjsonWriter : public OutputWriter {
 public:
  explicit NdjsonWriter(std::ostream& out) : out_(out) {}
  Status Begin(const ScanInfo& info) override {
    info_ = info;
    return Status::Ok();
  }
  Status Record(const Finding& finding) override {
    nlohmann::ordered_json j = {{"type", "port"}};
    j.update(FindingToJson(finding));
    return Line(j);
  }
  Status End(const RunStats& stats) override {
    nlohmann::ordered_json j = {{"type", "summary"},
                                {"start", Rfc3339(info_.start)},
                                {"end", Rfc3339(stats.end)},
                                {"arguments", info_.command_line},
                                {"seed", info_.seed},
                                {"scan_type", info_.scan_type},
                                {"ports", info_.ports},
                                {"udp_ports", info_.udp_ports},
                                {"addresses", info_.target_count},
                                {"probes", stats.targets_done},
                                {"open_ports", stats.open_ports},
                                {"amt", stats.amt_found},
                                {"vulnerable", stats.vulnerable},
                                {"interrupted", stats.interrupted}};
    return Line(j);
  }

 private:
  Status Line(const nlohmann::ordered_json& j) {
    out_ << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
         << '\n';
    out_.flush();
    return out_ ? Status::Ok() : Status::IoError("cannot write NDJSON output");
  }

  std::ostream& out_;
  ScanInfo info_;
};

}  // namespace

nlohmann::ordered_json FindingToJson(const Finding& f) {
  nlohmann::ordered_json j;
  j["ip"] = f.ip;
  j["port"] = f.port;
  j["tls"] = f.tls;
  j["amt"] = f.amt;
  j["product"] = StringOrNull(f.product);
  j["version"] = StringOrNull(f.version.ToString());
  j["realm"] = StringOrNull(f.realm);
  j["verdict"] = ToString(f.verdict);
  j["basis"] = ToString(f.basis);
  j["advisories"] = f.advisories;
  j["error"] = StringOrNull(f.error);
  j["time"] = Rfc3339(f.time);
  j["server"] = StringOrNull(f.server);
  j["reason"] = StringOrNull(f.reason);
  j["tls_version"] = StringOrNull(f.tls_version);
  j["bypass_status"] = StatusOrNull(f.bypass_status);
  j["control_status"] = StatusOrNull(f.control_status);
  // Appended, so CSV columns written before them keep their positions.
  j["reason_code"] = ReasonCode(f);
  j["cert_sha256"] = StringOrNull(f.cert_sha256);
  // Issue 15's fields after them, for the same reason.
  j["proto"] = f.proto;
  j["provisioning"] = StringOrNull(f.provisioning);
  j["redirection"] = f.redirection ? nlohmann::ordered_json(*f.redirection)
                                   : nlohmann::ordered_json(nullptr);
  j["exposures"] = f.exposures;
  return j;
}

std::unique_ptr<OutputWriter> MakeNdjsonWriter(std::ostream& out,
                                               WriterOptions) {
  return std::make_unique<NdjsonWriter>(out);
}

}  // namespace amtscope
