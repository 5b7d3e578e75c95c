// LocalFacts: everything `amtscope check` learned about one machine, and
// GatherFacts, which reads it through the side-effect interfaces.
#ifndef AMTSCOPE_LOCAL_LOCAL_FACTS_H_
#define AMTSCOPE_LOCAL_LOCAL_FACTS_H_

#include <optional>
#include <string>
#include <vector>

#include "local/dmi.h"
#include "local/file_system.h"
#include "local/lms.h"
#include "local/local_web.h"
#include "local/mei_client.h"
#include "local/mei_sysfs.h"

namespace amtscope {

struct LocalFacts {
  std::string root = "/";  // what was read: "/" or the --root DIR
  bool live = true;        // false for a captured tree
  bool as_root = false;    // live and running as root: root adds nothing
  /// A Windows machine (live on Windows, or a tree captured there): the
  /// advice names Administrator and the SCM instead of sudo and systemctl.
  bool windows = false;
  MeiSysfsFacts sysfs;
  DmiFacts dmi;
  LmsFacts lms;
  std::optional<MeiFacts>
      mei;  // nullopt: not asked (captured tree without a session)
  std::string mei_source;             // "/dev/mei0", "<root>/amtscope-mei.txt"
  std::optional<WebProbeResult> web;  // nullopt: not probed
  std::string web_skipped;            // why not, when nullopt
};

/// Where GatherFacts gets each kind of fact; nullptr skips that source.
struct FactSources {
  const FileSystem* fs = nullptr;
  MeiTransport* mei = nullptr;
  std::string mei_source;
  WebProbe* web = nullptr;
  std::string web_skipped;  // shown when web == nullptr
  bool live = true;
  bool windows = false;  // the live machine runs Windows
};

/// Reads every source; never fails (each problem is a note or an absent fact).
LocalFacts GatherFacts(const FactSources& sources, std::string root);

/// A WebProbe that returns a response head captured in a tree.
class CapturedWebProbe : public WebProbe {
 public:
  CapturedWebProbe(std::string head, std::string source)
      : head_(std::move(head)), source_(std::move(source)) {}
  WebProbeResult Probe() override;

 private:
  std::string head_;
  std::string source_;
};

}  // namespace amtscope

#endif  // AMTSCOPE_LOCAL_LOCAL_FACTS_H_
