#include "local/next_steps.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace amtscope {

namespace {

std::vector<std::string> Ids(const Assessment& a, Verdict verdict) {
  std::vector<std::string> out;
  for (const AdvisoryVerdict& v : a.advisories) {
    if (v.verdict == verdict) out.push_back(v.id);
  }
  return out;
}

// The first fixed build on the machine's own line for `id`, "" if none.
std::string FixedOnLine(const AdvisoryDb& db, std::string_view id,
                        const FirmwareVersion& v) {
  const Advisory* adv = db.Find(id);
  if (adv == nullptr) return {};
  for (const AffectedRange& r : adv->ranges) {
    if (r.ContainsLine(v) && r.fixed && r.fixed->SameLine(v))
      return r.fixed->ToString();
  }
  return {};
}

// The row with the highest ME version on any line (later vendor updates).
const VendorFix* NewestFix(const VendorLookup& l) {
  const VendorFix* best = nullptr;
  FirmwareVersion best_v;
  for (const VendorFix& f : l.fixes) {
    auto v = FirmwareVersion::Parse(f.me_version);
    if (!v.ok() || !v->has_build()) continue;
    auto key = [](const FirmwareVersion& x) {
      return std::tuple(x.major(), x.minor(), x.hotfix(), x.build());
    };
    if (best == nullptr || key(*v) > key(best_v)) {
      best = &f;
      best_v = *v;
    }
  }
  return best;
}

std::string UpdateStep(const LocalFacts& f, const AdvisoryDb& db,
                       const Assessment& a,
                       const std::vector<std::string>& ids) {
  std::string target;
  if (a.version) {
    for (const std::string& id : ids) {
      if (std::string fixed = FixedOnLine(db, id, *a.version); !fixed.empty()) {
        target =
            fmt::format(" (first fixed build on the {}.{} line for {}: {})",
                        a.version->major(), a.version->minor(), id, fixed);
        break;
      }
    }
  }
  if (const VendorFix* fix = a.PrimaryFix()) {
    std::string what =
        !fix->me_version.empty() ? "ME firmware " + fix->me_version : "BIOS";
    if (!fix->bios_version.empty())
      what += (fix->me_version.empty() ? " " : " / BIOS ") + fix->bios_version;
    std::string step = fmt::format(
        "Update the firmware: {} lists {} for the {} ({}{}{}){}.", fix->vendor,
        what, fix->model, fix->status.empty() ? "" : fix->status + ", ",
        fix->date.empty() ? "" : fix->date + ", ",
        fix->url.empty() ? fix->source : fix->url, target);
    if (const VendorFix* newest = NewestFix(*a.vendor);
        newest != nullptr && newest != fix) {
      step += fmt::format(
          " The newest ME build the vendor list names for it is {} ({}), which "
          "also "
          "covers later advisories.",
          newest->me_version,
          newest->url.empty() ? newest->source : newest->url);
    }
    return step;
  }
  std::string who =
      f.dmi.vendor.empty() ? "the machine's vendor" : f.dmi.vendor;
  std::string where = a.vendor && !a.vendor->advisory_url.empty()
                          ? " — see " + a.vendor->advisory_url
                          : "";
  return fmt::format("Update the ME firmware / BIOS from {}{}{}.", who, where,
                     target);
}

// The privileged command on this machine's OS: sudo on Linux, an elevated
// prompt on Windows (docs/windows.md §2).
std::string Privileged(const LocalFacts& f, std::string_view args) {
  return f.windows ? fmt::format(
                         "amtscope check{} in an elevated prompt (Run "
                         "as administrator)",
                         args)
                   : fmt::format("sudo amtscope check{}", args);
}

std::string UnprovisionStep(const LocalFacts& f, const Assessment& a) {
  if (a.control_mode == 1u) {
    return fmt::format(
        "Unprovision AMT now (client control mode allows it from the OS): "
        "{}.",
        Privileged(f, " --unprovision"));
  }
  if (a.control_mode == 2u) {
    return "Unprovision AMT in Intel MEBx: reboot, press Ctrl+P, choose Intel "
           "AMT Configuration → "
           "Unconfigure Network Access (admin control mode cannot be "
           "unprovisioned from the OS).";
  }
  return fmt::format(
      "Unprovision AMT: in client control mode with {}; in admin control "
      "mode only in Intel MEBx (Ctrl+P at boot). Running as {} shows which "
      "mode applies.",
      Privileged(f, " --unprovision"), f.windows ? "Administrator" : "root");
}

}  // namespace

std::optional<VendorLookup> LookupVendor(const DmiFacts& dmi,
                                         const VendorDb& vendors) {
  if (dmi.vendor.empty()) return std::nullopt;
  std::vector<std::string> models = {dmi.model, dmi.product_name,
                                     dmi.product_version, dmi.product_family};
  std::optional<VendorLookup> first;
  for (const std::string& model : models) {
    if (model.empty()) continue;
    VendorLookup l = vendors.Lookup(dmi.vendor, model);
    if (l.model_known) return l;
    if (!first) first = std::move(l);
  }
  if (!first) first = vendors.Lookup(dmi.vendor, "");
  return first;
}

// Nothing shows an Intel ME: no MEI device (an empty /sys/class/mei only
// means the driver is loaded), no Intel PCI function at 00:16.0, no version
// from anywhere (an AMD machine, a VM, a container).
bool NoIntelMe(const LocalFacts& f, const Assessment& a) {
  // A MEI device that refused (no Administrator on Windows, busy) is an ME.
  const bool mei_device_seen =
      f.mei && f.mei->mkhi_connect != MeiStatus::kNoDevice;
  return f.sysfs.device.empty() && !f.sysfs.pci_mei_function && !a.version &&
         !a.mei_answered && !mei_device_seen;
}

void AddNextSteps(const LocalFacts& f, const AdvisoryDb& db, Assessment* a) {
  if (NoIntelMe(f, *a)) {
    a->next_steps.push_back(
        f.windows
            ? "No Intel ME device was found (no device interface of the Intel "
              "MEI driver): nothing to update or disable here, unless the "
              "driver is missing — install Intel's Management Engine "
              "Interface driver from the vendor and check again. A VM does "
              "not show the host's ME; run amtscope check on the host itself."
            : "No Intel ME device was found (no /sys/class/mei device, no "
              "Intel PCI function 00:16.0): nothing to update or disable "
              "here. A VM or container does not show the host's ME; run "
              "amtscope check on the host itself.");
    return;
  }
  std::vector<std::string> vulnerable = Ids(*a, Verdict::kVulnerable);
  std::vector<std::string> unknown = Ids(*a, Verdict::kUnknown);
  const bool consumer = a->product == Sku::kConsumer;
  if (vulnerable.empty() && (unknown.empty() || consumer)) {
    a->next_steps.push_back(
        "No action needed for the advisories checked: nothing is vulnerable.");
    return;
  }
  std::vector<std::string> ids = vulnerable.empty() ? unknown : vulnerable;
  a->next_steps.push_back(UpdateStep(f, db, *a, ids));
  if (!consumer && a->provisioned != false)
    a->next_steps.push_back(UnprovisionStep(f, *a));
  // A listener counts only when its process is LMS (the emulator or another
  // service may listen on 16992).
  // On Windows a service set to disabled and stopped is already mitigated.
  const bool lms_present =
      f.windows ? f.lms.unit_enabled || f.lms.running == true
                : !f.lms.unit_path.empty() || f.lms.running == true ||
                      f.lms.LmsListens();
  if (lms_present) {
    a->next_steps.push_back(
        fmt::format("Disable the Local Manageability Service: {} ({}).",
                    Privileged(f, " --disable-lms"),
                    f.windows ? "sets the LMS service to disabled and stops it"
                              : "runs systemctl disable --now lms.service"));
  }
  if (!consumer) {
    a->next_steps.push_back(
        "Until the update is installed, disable Intel AMT in the BIOS setup or "
        "MEBx "
        "(a local administrator can re-enable it, so update anyway).");
  }
}

void AddRootWouldAdd(const LocalFacts& f, Assessment* a) {
  // No ME at all: root would add nothing.
  if (a->mei_answered || NoIntelMe(f, *a)) return;
  std::string why =
      !f.mei ? (f.live ? "MEI was not queried"
                       : "the captured tree holds no MEI session")
             : fmt::format("MEI not available ({})",
                           f.mei->mkhi_detail.empty()
                               ? std::string(ToString(f.mei->mkhi_connect))
                               : f.mei->mkhi_detail);
  const char* admin = f.windows ? "Administrator" : "root";
  if (f.as_root) {  // already root: say why MEI failed, suggest nothing
    a->root_would_add.push_back(
        fmt::format("{} (already running as {})", why, admin));
    return;
  }
  a->root_would_add.push_back(
      fmt::format("{}; running as {} on the machine ({}) adds:", why, admin,
                  Privileged(f, "")));
  if (!a->version || !a->version->has_build()) {
    a->root_would_add.push_back(
        "the firmware version with its build number (MKHI GET_FW_VERSION, "
        "AMTHI GetCodeVersions), which decides 3-part ties");
  }
  if (a->sku == FwSku::kUnknown) {
    a->root_would_add.push_back(
        "the SKU: AMT, Standard Manageability, Small Business or consumer "
        "(AMTHI Sku bits, MKHI FWCAPS)");
  }
  a->root_would_add.push_back(
      "whether AMT is enabled, provisioned, and in client or admin control "
      "mode (AMTHI GetProvisioningState, GetControlMode)");
}

}  // namespace amtscope
