// `amtscope check --json` files (local/check_report.cc CheckToJson), one
// object per machine: a file holds one object, an array of them, or one
// per line (files from many machines concatenated).
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/strings.h"
#include "inventory/import.h"
#include "inventory/import_json.h"

namespace amtscope {

namespace {

const nlohmann::json& Member(const nlohmann::json& j, std::string_view key) {
  static const nlohmann::json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}

std::string Provisioning(const nlohmann::json& j) {
  if (!j.is_boolean()) return {};
  return j.get<bool>() ? "provisioned" : "unprovisioned";
}

std::string LmsState(const nlohmann::json& lms) {
  if (JsonBool(lms, "running", false)) return "running";
  if (JsonBool(lms, "installed", false)) return "installed";
  return lms.is_object() ? "absent" : "";
}

bool LooksLikeCheck(const nlohmann::json& j) {
  return j.is_object() && j.contains("me") && j.contains("status");
}

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

MachineRecord MachineFromJson(const nlohmann::json& j) {
  MachineRecord m;
  m.identity = JsonString(j, "machine_id");
  const nlohmann::json& machine = Member(j, "machine");
  m.vendor = JsonString(machine, "vendor");
  m.model = JsonString(machine, "model");
  m.me_version = JsonString(Member(j, "me"), "version");
  m.sku = JsonString(Member(j, "me"), "sku");
  m.provisioning = Provisioning(Member(Member(j, "amt"), "provisioned"));
  m.lms = LmsState(Member(j, "lms"));
  m.hostname = JsonString(j, "hostname");
  nlohmann::json verdicts = nlohmann::json::array();
  const nlohmann::json& advisories = Member(j, "advisories");
  if (advisories.is_array()) {
    for (const auto& a : advisories) {
      verdicts.push_back(
          {{"id", JsonString(a, "id")}, {"verdict", JsonString(a, "verdict")}});
    }
  }
  m.verdicts = Dump(verdicts);
  m.report = Dump(j);
  return m;
}

void Add(const nlohmann::json& j, ImportedScan* scan) {
  if (!LooksLikeCheck(j) || scan->machines.size() >= kMaxImportRecords) {
    ++scan->skipped;
    return;
  }
  scan->machines.push_back(MachineFromJson(j));
}

}  // namespace

Result<ImportedScan> ParseCheckJson(std::string_view text) {
  ImportedScan scan;
  scan.format = ImportFormat::kCheckJson;
  nlohmann::json whole = nlohmann::json::parse(text, nullptr, false);
  if (whole.is_array()) {
    for (const auto& j : whole) Add(j, &scan);
  } else if (whole.is_object()) {
    Add(whole, &scan);
  } else {
    while (!text.empty()) {  // one object per line
      size_t nl = text.find('\n');
      std::string_view line = Trim(text.substr(0, nl));
      text = nl == std::string_view::npos ? std::string_view{}
                                          : text.substr(nl + 1);
      if (!line.empty())
        Add(nlohmann::json::parse(line, nullptr, false), &scan);
    }
  }
  if (scan.machines.empty()) {
    return Status::Corruption("no amtscope check --json object found",
                              "give files written by amtscope check --json");
  }
  return scan;
}

}  // namespace amtscope
