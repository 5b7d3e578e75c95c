#include "local/check_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/text_escape.h"

namespace amtscope {

namespace {

using nlohmann::json;

json StrOrNull(const std::string& s) {
  return s.empty() ? json(nullptr) : json(s);
}
template <typename T>
json OptOrNull(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

std::string_view SkuProduct(Sku s) { return ToString(s); }

json HfstsJson(const MeiSysfsFacts& s) {
  if (!s.hfsts) return nullptr;
  const Hfsts& h = *s.hfsts;
  json regs = json::array();
  for (std::uint32_t r : h.registers) regs.push_back(fmt::format("{:08X}", r));
  return {{"source", s.hfsts_source},
          {"registers", regs},
          {"working_state", WorkingStateName(h.working_state)},
          {"operation_mode", OperationModeName(h.operation_mode)},
          {"manufacturing_mode", h.manufacturing_mode},
          {"init_complete", h.init_complete},
          {"error_code", h.error_code}};
}

std::string MeiAccess(const LocalFacts& f) {
  if (!f.mei) return "not-queried";
  if (f.mei->any()) return "ok";
  return std::string(ToString(f.mei->mkhi_connect));
}

json VendorFixJson(const Assessment& a) {
  const VendorFix* primary = a.PrimaryFix();
  if (primary == nullptr) return nullptr;
  json rows = json::array();
  for (const VendorFix& f : a.vendor->fixes) {
    rows.push_back({{"advisory", f.advisory},
                    {"me_version", StrOrNull(f.me_version)},
                    {"bios_version", StrOrNull(f.bios_version)},
                    {"date", StrOrNull(f.date)},
                    {"url", StrOrNull(f.url)},
                    {"status", StrOrNull(f.status)},
                    {"source", f.source}});
  }
  return {{"vendor", primary->vendor},
          {"model", primary->model},
          {"advisory", primary->advisory},
          {"me_version", StrOrNull(primary->me_version)},
          {"bios_version", StrOrNull(primary->bios_version)},
          {"date", StrOrNull(primary->date)},
          {"url", StrOrNull(primary->url)},
          {"status", StrOrNull(primary->status)},
          {"source", primary->source},
          {"advisory_url", StrOrNull(a.vendor->advisory_url)},
          {"fixes", rows}};
}

// true | false | null: null when the verdict is unknown, so a fleet script
// reading .vulnerable never takes an unchecked machine for a safe one.
json VulnerableJson(const std::pair<Verdict, std::string>& overall) {
  if (overall.first == Verdict::kUnknown) return nullptr;
  return overall.first == Verdict::kVulnerable;
}

json LmsJson(const LmsFacts& l) {
  json listeners = json::array();
  for (const TcpListener& t : l.listeners) {
    // lms: true/false once the listening process is known, null otherwise.
    listeners.push_back(
        {{"port", t.port},
         {"address", t.address},
         {"pid", t.pid != 0 ? json(t.pid) : json(nullptr)},
         {"process", t.pid != 0 ? json(t.comm) : json(nullptr)},
         {"lms", t.pid != 0 ? json(t.IsLms()) : json(nullptr)}});
  }
  json services = json::array();
  for (const ServiceFacts& s : l.services) {
    services.push_back(
        {{"name", s.name},
         {"installed", s.error.empty() ? json(s.installed) : json(nullptr)},
         {"state", StrOrNull(s.state)},
         {"start_type", StrOrNull(s.start_type)},
         {"error", StrOrNull(s.error)}});
  }
  return {{"installed", !l.unit_path.empty()},
          {"unit", StrOrNull(l.unit_path)},
          {"enabled", l.unit_enabled},
          {"running", OptOrNull(l.running)},
          {"pids", l.pids},
          {"listeners", listeners},
          {"services", services}};
}

json WebJson(const LocalFacts& f) {
  if (!f.web) return {{"checked", false}, {"skipped", f.web_skipped}};
  const WebProbeResult& w = *f.web;
  return {{"checked", true},
          {"source", w.source},
          {"answered", w.answered},
          {"status", w.answered ? json(w.status) : json(nullptr)},
          {"server", StrOrNull(w.server)},
          {"amt", w.amt},
          {"version", w.version ? json(w.version->ToString()) : json(nullptr)},
          {"error", StrOrNull(w.error)}};
}

}  // namespace

std::string ListenerText(const TcpListener& l) {
  if (l.IsLms())
    return fmt::format("{}:{} by LMS (pid {})", l.address, l.port, l.pid);
  if (l.pid != 0) {
    return fmt::format(
        "{}:{}: a process other than LMS ({}, pid {}) listens on {}", l.address,
        l.port, l.comm.empty() ? "?" : l.comm, l.pid, l.port);
  }
  return fmt::format(
      "{}:{} (listening process {})", l.address, l.port,
      l.inode == 0
          ? "unknown"
          : "not visible: another user's without root, or a captured tree");
}

nlohmann::json CheckToJson(const LocalFacts& f, const Assessment& a) {
  const auto overall = a.Overall();
  json advisories = json::array();
  for (const AdvisoryVerdict& v : a.advisories) {
    advisories.push_back(
        {{"id", v.id}, {"verdict", ToString(v.verdict)}, {"reason", v.reason}});
  }
  const MeiFacts* m = f.mei ? &*f.mei : nullptr;
  json me = {
      {"version", a.version ? json(a.version->ToString()) : json(nullptr)},
      {"version_source", a.version_basis},
      {"sku", ToString(a.sku)},
      {"product", SkuProduct(a.product)},
      {"sku_source", a.sku_basis},
      {"device", StrOrNull(f.sysfs.device)},
      {"dev_state", StrOrNull(f.sysfs.dev_state)},
      {"fw_ver",
       f.sysfs.version ? json(f.sysfs.version->ToString()) : json(nullptr)},
      {"fw_status", HfstsJson(f.sysfs)},
      {"mei_access", MeiAccess(f)},
      {"amthi", m ? json(ToString(m->amthi_connect)) : json(nullptr)},
  };
  json amt = {
      {"present", a.sku == FwSku::kUnknown ? json(nullptr)
                                           : json(a.sku == FwSku::kCorporate)},
      {"enabled", OptOrNull(a.amt_enabled)},
      {"provisioned", OptOrNull(a.provisioned)},
      {"provisioned_source", a.provisioned_basis},
      {"provisioning_state",
       m && m->provisioning_state
           ? json(ProvisioningStateName(*m->provisioning_state))
           : json(nullptr)},
      {"control_mode",
       a.control_mode ? json(ControlModeName(*a.control_mode)) : json(nullptr)},
  };
  json machine = {
      {"vendor", StrOrNull(f.dmi.vendor)},
      {"model", StrOrNull(f.dmi.model)},
      {"product_name", StrOrNull(f.dmi.product_name)},
      {"product_version", StrOrNull(f.dmi.product_version)},
      {"product_sku", StrOrNull(f.dmi.product_sku)},
      {"bios_version", StrOrNull(f.dmi.bios_version)},
      {"bios_date", StrOrNull(f.dmi.bios_date)},
  };
  return {{"root", f.root},
          {"live", f.live},
          {"me", me},
          {"amt", amt},
          {"lms", LmsJson(f.lms)},
          {"web", WebJson(f)},
          {"machine", machine},
          {"advisories", advisories},
          {"vulnerable", VulnerableJson(overall)},
          {"status", ToString(overall.first)},
          {"status_reason", overall.second},
          {"vendor_fix", VendorFixJson(a)},
          {"vendor_advisory_url",
           a.vendor ? StrOrNull(a.vendor->advisory_url) : json(nullptr)},
          {"next_steps", a.next_steps},
          {"root_would_add", a.root_would_add},
          {"notes", a.notes}};
}

std::string CheckToText(const LocalFacts& f, const Assessment& a) {
  std::string out;
  auto line = [&out](std::string_view key, std::string_view value) {
    out += fmt::format("  {:<15} {}\n", key, value);
  };
  auto or_unknown = [](const std::string& s) {
    return s.empty() ? std::string("unknown") : s;
  };
  out += fmt::format("amtscope check — {}\n\nMachine\n",
                     f.live ? "this machine" : "captured tree " + f.root);
  line("vendor", or_unknown(f.dmi.vendor));
  line("model", or_unknown(f.dmi.model));
  if (!f.dmi.bios_version.empty())
    line("BIOS",
         f.dmi.bios_version +
             (f.dmi.bios_date.empty() ? "" : " (" + f.dmi.bios_date + ")"));
  out += "\nManagement Engine\n";
  line("version", a.version
                      ? a.version->ToString() + "   (" + a.version_basis + ")"
                      : a.version_basis);
  line("SKU", fmt::format("{} / {}   ({})", ToString(a.sku),
                          ToString(a.product), a.sku_basis));
  if (f.sysfs.hfsts) {
    const Hfsts& h = *f.sysfs.hfsts;
    line("state",
         fmt::format("{}, operation mode {}{}",
                     WorkingStateName(h.working_state),
                     OperationModeName(h.operation_mode),
                     h.manufacturing_mode ? ", MANUFACTURING MODE" : ""));
  }
  line("AMT enabled", a.amt_enabled
                          ? (*a.amt_enabled ? "yes" : "no") +
                                std::string("   (") + a.amt_enabled_basis + ")"
                          : "unknown");
  line("provisioned",
       (a.provisioned ? (*a.provisioned ? "yes" : "no") : "unknown") +
           std::string("   (") + a.provisioned_basis + ")");
  if (a.control_mode)
    line("control mode", std::string(ControlModeName(*a.control_mode)));
  out += "\nLocal Manageability Service (LMS)\n";
  line("unit",
       f.lms.unit_path.empty()
           ? "not installed"
           : f.lms.unit_path + (f.lms.unit_enabled ? " (enabled)" : ""));
  line("running",
       f.lms.running
           ? (*f.lms.running ? (f.lms.pids.empty()  // Windows: the SCM's word
                                    ? std::string("yes")
                                    : fmt::format("yes (pid {})",
                                                  fmt::join(f.lms.pids, ", ")))
                             : "no")
           : "unknown (no process table)");
  for (const TcpListener& l : f.lms.listeners)
    line("listening", ListenerText(l));
  if (f.web) {
    line("web 16992", f.web->answered
                          ? fmt::format("HTTP {} Server: {}", f.web->status,
                                        or_unknown(f.web->server))
                          : "no answer (" + f.web->error + ")");
  } else {
    line("web 16992", "not probed (" + f.web_skipped + ")");
  }
  out += "\nAdvisories\n";
  for (const AdvisoryVerdict& v : a.advisories) {
    out += fmt::format("  {:<15} {:<15} {}\n", v.id, ToString(v.verdict),
                       v.reason);
  }
  if (const VendorFix* fix = a.PrimaryFix()) {
    out += fmt::format("\nVendor fix\n  {}: {} {}{}\n",
                       VendorModelName(fix->vendor, fix->model), fix->advisory,
                       fix->me_version.empty() ? "BIOS " + fix->bios_version
                                               : "ME " + fix->me_version,
                       fix->url.empty() ? "" : "  " + fix->url);
  } else if (a.vendor && !a.vendor->advisory_url.empty()) {
    out += fmt::format("\nVendor fix\n  model not in the vendor list; see {}\n",
                       a.vendor->advisory_url);
  }
  out += "\nNext steps\n";
  for (std::size_t i = 0; i < a.next_steps.size(); ++i)
    out += fmt::format("  {}. {}\n", i + 1, a.next_steps[i]);
  if (!a.root_would_add.empty()) {
    out += "\nWithout MEI access\n";
    out += "  " + a.root_would_add.front() + "\n";
    for (std::size_t i = 1; i < a.root_would_add.size(); ++i)
      out += "    - " + a.root_would_add[i] + "\n";
  }
  if (!a.notes.empty()) {
    out += "\nNotes\n";
    for (const std::string& n : a.notes) out += "  - " + n + "\n";
  }
  return TerminalText(out);  // fw_ver, DMI, Server: come from outside
}

}  // namespace amtscope
