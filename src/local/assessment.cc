#include "local/assessment.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "local/next_steps.h"

namespace amtscope {

namespace {

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

void DecideVersion(const LocalFacts& f, Assessment* a) {
  struct Candidate {
    std::optional<FirmwareVersion> v;
    std::string basis;
  };
  std::vector<Candidate> c;
  if (f.mei && f.mei->code_versions) {
    c.push_back({f.mei->code_versions->AmtVersion(),
                 "from AMTHI GetCodeVersions on " + f.mei_source});
  }
  if (f.mei && f.mei->mkhi_version) {
    c.push_back({f.mei->mkhi_version->code,
                 "from MKHI GET_FW_VERSION on " + f.mei_source});
  }
  c.push_back({f.sysfs.version, "from " + f.sysfs.version_source});
  if (f.web && f.web->version) {
    c.push_back({f.web->version, "from the Server header of " + f.web->source});
  }
  auto pick = std::find_if(c.begin(), c.end(), [](const Candidate& x) {
    return x.v && x.v->has_build();
  });
  if (pick == c.end())
    pick = std::find_if(c.begin(), c.end(),
                        [](const Candidate& x) { return x.v && x.v->known(); });
  if (pick == c.end()) {
    a->version_basis = "no ME version could be read";
    return;
  }
  a->version = pick->v;
  a->version_basis =
      fmt::format("ME version {} {}", pick->v->ToString(), pick->basis);
}

void SetSku(Assessment* a, FwSku sku, Sku product, std::string basis) {
  a->sku = sku;
  a->product = product;
  a->sku_basis = std::move(basis);
}

// AMTHI Sku bits (§1.2 sku_decode) decide first; then the absence of the
// AMTHI client, MKHI capabilities, HFSTS3 (CSME >= 11), and the web banner.
void DecideSku(const LocalFacts& f, Assessment* a) {
  const MeiFacts* m = f.mei ? &*f.mei : nullptr;
  if (m && m->code_versions && m->code_versions->SkuBits()) {
    std::uint32_t b = *m->code_versions->SkuBits();
    std::string basis = fmt::format("Sku {} from AMTHI GetCodeVersions",
                                    m->code_versions->Get("Sku"));
    if (b & kSkuAmt)
      return SetSku(a, FwSku::kCorporate, Sku::kAmt, basis + " (AMT bit set)");
    if (b & kSkuIsm)
      return SetSku(a, FwSku::kCorporate, Sku::kIsm,
                    basis + " (Standard Manageability bit set)");
    if (b & kSkuSbt)
      return SetSku(a, FwSku::kCorporate, Sku::kSbt,
                    basis + " (Small Business Technology bit set)");
    if (b & kSkuCorporate)
      return SetSku(a, FwSku::kCorporate, Sku::kAmt,
                    basis + " (Corporate SKU bit set)");
    return SetSku(a, FwSku::kConsumer, Sku::kConsumer,
                  basis + " (no manageability bits)");
  }
  if (m && m->amthi_connect == MeiStatus::kNoSuchClient &&
      m->mkhi_connect == MeiStatus::kOk) {
    return SetSku(a, FwSku::kConsumer, Sku::kConsumer,
                  "the ME has no AMT host interface (AMTHI connect refused "
                  "with ENOTTY) on " +
                      f.mei_source);
  }
  if (m && m->platform_type && m->platform_type->brand != 0) {
    int brand = m->platform_type->brand;
    Sku s = brand == 2 ? Sku::kIsm : brand == 5 ? Sku::kSbt : Sku::kAmt;
    return SetSku(a, FwSku::kCorporate, s,
                  fmt::format("platform brand {} from MKHI FWCAPS rule 0x1D",
                              BrandName(brand)));
  }
  if (m && m->fw_caps) {
    if (*m->fw_caps & kFwCapsAmtBit) {
      return SetSku(a, FwSku::kCorporate, Sku::kAmt,
                    "MKHI FWCAPS rule 0 has the AMT bit");
    }
    if (m->platform_type && m->platform_type->image_type == 2) {
      return SetSku(a, FwSku::kLite, Sku::kConsumer,
                    "MKHI platform image type is ME Lite, no AMT bit");
    }
    return SetSku(a, FwSku::kConsumer, Sku::kConsumer,
                  "MKHI FWCAPS rule 0 has no AMT bit");
  }
  if (f.sysfs.hfsts) {
    std::optional<int> major =
        a->version ? std::optional<int>(a->version->major()) : std::nullopt;
    FwSku s = SkuFromHfsts(*f.sysfs.hfsts, major);
    std::string basis = fmt::format(
        "HFSTS3 = {:08X} (FW SKU bits {}) from {}",
        f.sysfs.hfsts->registers.size() >= 3 ? f.sysfs.hfsts->registers[2] : 0,
        f.sysfs.hfsts->hfsts3_sku_bits.value_or(-1), f.sysfs.hfsts_source);
    if (s == FwSku::kCorporate) return SetSku(a, s, Sku::kAmt, basis);
    if (s != FwSku::kUnknown) return SetSku(a, s, Sku::kConsumer, basis);
  }
  if (f.web && f.web->amt) {
    Sku s = f.web->product == "ism"   ? Sku::kIsm
            : f.web->product == "sbt" ? Sku::kSbt
                                      : Sku::kAmt;
    return SetSku(a, FwSku::kCorporate, s,
                  fmt::format("the AMT web server answers on {} (Server: {})",
                              f.web->source, f.web->server));
  }
  a->sku_basis = a->version && a->version->major() < 11 && f.sysfs.hfsts
                     ? "fw_status carries no SKU before CSME 11"
                     : "no fact reveals the SKU";
}

void DecideProvisioning(const LocalFacts& f, Assessment* a) {
  const MeiFacts* m = f.mei ? &*f.mei : nullptr;
  if (m && m->amt_disabled) {
    a->amt_enabled = false;
    a->amt_enabled_basis =
        "AMTHI GetCodeVersions returned an empty reply: AMT is disabled";
  } else if (m && m->code_versions) {
    a->amt_enabled = true;
    a->amt_enabled_basis = "AMTHI answers GetCodeVersions";
  } else if (m && m->fw_caps && m->feature_enable &&
             (*m->fw_caps & kFwCapsAmtBit)) {
    a->amt_enabled = (*m->feature_enable & kFwCapsAmtBit) != 0;
    a->amt_enabled_basis = "MKHI FWCAPS FEATURE_ENABLE rule";
  }
  if (m && m->provisioning_state) {
    a->provisioned = *m->provisioning_state != 0;
    a->provisioned_basis =
        fmt::format("AMTHI GetProvisioningState: {}",
                    ProvisioningStateName(*m->provisioning_state));
    a->control_mode = m->control_mode;
  } else if (a->product == Sku::kConsumer) {
    a->provisioned = false;
    a->provisioned_basis = "consumer firmware has no AMT to provision";
  } else if (f.web && f.web->amt) {
    // AMT's web server listens only once AMT is provisioned [inference, §1.5].
    a->provisioned = true;
    a->provisioned_basis =
        fmt::format("the AMT web server answers on {}", f.web->source);
  } else if (a->amt_enabled == false) {
    a->provisioned_basis =
        "AMT is disabled; the provisioning state cannot be read";
  } else {
    a->provisioned_basis =
        f.windows ? "the provisioning state needs Administrator (AMTHI)"
                  : "the provisioning state needs root (AMTHI)";
  }
}

// The facts behind a verdict, so the report says which one decided it.
std::string DecidingFacts(const AdvisoryVerdict& v, const Assessment& a) {
  const std::string& r = v.reason;
  std::vector<std::string> facts;
  const bool sku_decided = a.product == Sku::kConsumer &&
                           v.verdict == Verdict::kNotVulnerable &&
                           (Contains(r, "onsumer") || Contains(r, "SKU"));
  if (!sku_decided) facts.push_back(a.version_basis);
  if (Contains(r, "onsumer") || Contains(r, "SKU") || Contains(r, "sku"))
    facts.push_back(a.sku_basis);
  if (Contains(r, "provision") && !a.provisioned_basis.empty())
    facts.push_back(a.provisioned_basis);
  std::string out;
  for (const std::string& f : facts) out += (out.empty() ? "" : "; ") + f;
  return out;
}

}  // namespace

bool Assessment::AnyVulnerable() const {
  return std::any_of(advisories.begin(), advisories.end(),
                     [](const AdvisoryVerdict& v) {
                       return v.verdict == Verdict::kVulnerable;
                     });
}

std::pair<Verdict, std::string> Assessment::Overall() const {
  std::vector<std::string> vulnerable;
  const AdvisoryVerdict* undecided = nullptr;
  size_t unknown = 0;
  for (const AdvisoryVerdict& v : advisories) {
    if (v.verdict == Verdict::kVulnerable) vulnerable.push_back(v.id);
    if (v.verdict != Verdict::kUnknown) continue;
    ++unknown;
    if (undecided == nullptr) undecided = &v;
  }
  if (!vulnerable.empty()) {
    return {Verdict::kVulnerable,
            fmt::format("vulnerable to {}", fmt::join(vulnerable, ", "))};
  }
  if (advisories.empty()) return {Verdict::kUnknown, "no advisory was checked"};
  if (undecided == nullptr) {
    return {
        Verdict::kNotVulnerable,
        fmt::format("none of the {} advisories applies", advisories.size())};
  }
  return {
      Verdict::kUnknown,
      fmt::format("{} of {} advisories could not be decided; {}: {}", unknown,
                  advisories.size(), undecided->id, undecided->reason)};
}

const VendorFix* Assessment::PrimaryFix() const {
  if (!vendor || vendor->fixes.empty()) return nullptr;
  std::vector<std::string> wanted;
  for (const AdvisoryVerdict& v : advisories) {
    if (v.verdict == Verdict::kVulnerable) wanted.push_back(v.id);
  }
  wanted.push_back("INTEL-SA-00075");
  for (const std::string& id : wanted) {
    for (const VendorFix& fix : vendor->fixes) {
      if (fix.advisory.starts_with(id)) return &fix;
    }
  }
  return &vendor->fixes.front();
}

Assessment Assess(const LocalFacts& f, const AdvisoryDb& db,
                  const VendorDb& vendors) {
  Assessment a;
  a.mei_answered = f.mei && f.mei->any();
  DecideVersion(f, &a);
  DecideSku(f, &a);
  DecideProvisioning(f, &a);
  DeviceFacts device;
  if (a.version) device.version = *a.version;
  device.sku = a.product;
  device.provisioned = a.provisioned;
  a.advisories = db.Evaluate(device);
  for (AdvisoryVerdict& v : a.advisories) {
    if (!a.version && v.reason.starts_with("no version in the banner")) {
      v.reason =
          "no ME version could be read: the version decides";  // not a banner
                                                               // here
    }
    v.reason += " [" + DecidingFacts(v, a) + "]";
  }
  a.vendor = LookupVendor(f.dmi, vendors);
  a.notes = f.sysfs.notes;
  if (f.mei)
    a.notes.insert(a.notes.end(), f.mei->notes.begin(), f.mei->notes.end());
  AddNextSteps(f, db, &a);
  AddRootWouldAdd(f, &a);
  return a;
}

}  // namespace amtscope
