// The HTML the AMT web UI serves, written from the structure recorded in
// docs/protocol.md §2.3, §2.5 and §2.6 (unquoted attributes, \n line ends).
#ifndef AMTSCOPE_EMU_PAGES_H_
#define AMTSCOPE_EMU_PAGES_H_

#include <ctime>
#include <string>

#include "emu/host_config.h"

namespace amtscope::emu {

/// The "Log on failed" body of every 401 (689, 690 or 693 bytes for AMT).
std::string LogonFailedPage(const HostProfile& host);
/// The unauthenticated /logon.htm body.
std::string LogonPage(const HostProfile& host);
/// index.htm "System Status" with the firmware-version footer.
std::string IndexPage(const HostProfile& host, std::time_t now);
/// hw-sys.htm "System Information" with unquoted `<td class=r1><p>` rows.
std::string HwSysPage(const HostProfile& host);
/// Any other authenticated HTML page of the navigation bar, or "" if unknown.
std::string OtherPage(const HostProfile& host, const std::string& path);
/// /styles.css.
const std::string& StylesCss();
/// /logo.gif (a small valid GIF).
const std::string& LogoGif();

}  // namespace amtscope::emu

#endif  // AMTSCOPE_EMU_PAGES_H_
