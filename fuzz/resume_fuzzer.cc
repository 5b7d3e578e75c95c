// libFuzzer target: resume files never crash the parser, and anything it
// accepts formats back to text that parses to the same state.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "scan/resume.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto state = amtscope::ParseResumeFile(text);
  if (!state.ok()) return 0;
  std::string again = amtscope::FormatResumeFile(*state);
  auto reparsed = amtscope::ParseResumeFile(again);
  if (!reparsed.ok() || amtscope::FormatResumeFile(*reparsed) != again)
    std::abort();
  amtscope::CompletionTracker tracker(*state);
  if (tracker.watermark() < state->watermark) std::abort();
  return 0;
}
