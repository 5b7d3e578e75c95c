#include "local/local_facts.h"

namespace amtscope {

LocalFacts GatherFacts(const FactSources& s, std::string root) {
  LocalFacts f;
  f.root = std::move(root);
  f.live = s.live;
  if (s.fs != nullptr) {
    f.sysfs = ReadMeiSysfs(*s.fs);
    f.dmi = ReadDmi(*s.fs);
    f.lms = ReadLms(*s.fs);
  }
  f.windows = s.windows || !f.lms.services.empty();
  if (s.mei != nullptr) {
    f.mei = QueryMei(*s.mei);
    f.mei_source = s.mei_source;
  }
  if (s.web != nullptr) {
    f.web = s.web->Probe();
  } else {
    f.web_skipped = s.web_skipped;
  }
  return f;
}

WebProbeResult CapturedWebProbe::Probe() {
  WebProbeResult out;
  out.source = source_;
  if (head_.starts_with("! ")) {
    out.error = std::string(TrimValue(std::string_view(head_).substr(2)));
  } else if (!ParseHttpHead(head_, &out)) {
    out.error = "no HTTP answer in the capture";
  }
  return out;
}

}  // namespace amtscope
