// The verdict engine: one advisory + what is known about a device -> verdict.
#ifndef AMTSCOPE_ADVISORY_VERDICT_ENGINE_H_
#define AMTSCOPE_ADVISORY_VERDICT_ENGINE_H_

#include "advisory/advisory.h"
#include "advisory/verdict.h"

namespace amtscope {

/// Decides `advisory` for `facts` with a one-line reason. Every rule comes
/// from the advisory's data; data/README.md ("Verdict rules") explains them.
AdvisoryVerdict EvaluateAdvisory(const Advisory& advisory,
                                 const DeviceFacts& facts);

}  // namespace amtscope

#endif  // AMTSCOPE_ADVISORY_VERDICT_ENGINE_H_
