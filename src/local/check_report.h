// Rendering a check: a readable report and the --json document.
#ifndef AMTSCOPE_LOCAL_CHECK_REPORT_H_
#define AMTSCOPE_LOCAL_CHECK_REPORT_H_

#include <nlohmann/json.hpp>
#include <string>

#include "local/assessment.h"
#include "local/local_facts.h"

namespace amtscope {

/// The --json document: me.version, me.sku, amt.provisioned, lms.running,
/// machine.vendor, machine.model, advisories[{id, verdict, reason}],
/// vendor_fix (object or null), next_steps, root_would_add, and the raw facts.
nlohmann::json CheckToJson(const LocalFacts& facts, const Assessment& a);

/// One "listening" line: "127.0.0.1:16992 by LMS (pid 812)", or "...: a
/// process other than LMS (amtscope, pid 4242) listens on 16992", or why the
/// process is unknown.
std::string ListenerText(const TcpListener& listener);

/// The readable report for a terminal.
std::string CheckToText(const LocalFacts& facts, const Assessment& a);

}  // namespace amtscope

#endif  // AMTSCOPE_LOCAL_CHECK_REPORT_H_
