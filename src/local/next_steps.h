// The advice part of an assessment: vendor fix lookup, the ordered next
// steps (docs/local-detection.md §3) and what root would add.
#ifndef AMTSCOPE_LOCAL_NEXT_STEPS_H_
#define AMTSCOPE_LOCAL_NEXT_STEPS_H_

#include <optional>

#include "local/assessment.h"

namespace amtscope {

/// Looks the machine up by DMI vendor and model, trying the other DMI
/// names (product_name, product_version, product_family) when the model is
/// not listed. nullopt when DMI names no vendor.
std::optional<VendorLookup> LookupVendor(const DmiFacts& dmi,
                                         const VendorDb& vendors);

/// Fills a->next_steps: firmware/BIOS update, unprovisioning (OS only in
/// client control mode, MEBx Ctrl+P in admin control mode), disabling LMS,
/// disabling AMT in the BIOS.
void AddNextSteps(const LocalFacts& facts, const AdvisoryDb& db, Assessment* a);

/// Fills a->root_would_add when the MEI did not answer.
void AddRootWouldAdd(const LocalFacts& facts, Assessment* a);

}  // namespace amtscope

#endif  // AMTSCOPE_LOCAL_NEXT_STEPS_H_
