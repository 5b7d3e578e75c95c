#include "emu/pages.h"

#include <fmt/format.h>

namespace amtscope::emu {
namespace {

// §2.3: the recorded page head. `href=styles.css` (AMT 7/8) vs
// `href=/styles.css` (11.x+) and `valign="top"` vs `"middle"` (15.x) make the
// 689/690/693-byte variants.
std::string Head(const HostProfile& h) {
  const char* href =
      h.failed_page_variant == 689 ? "styles.css" : "/styles.css";
  const char* valign = h.failed_page_variant == 693 ? "middle" : "top";
  return fmt::format(
      "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\" >\n"
      "<html><head><link rel=stylesheet href={0}>\n"
      "<meta http-equiv=\"Content-Type\" content=\"text/html; "
      "charset=utf-8\">\n"
      "<title>Intel&reg; {1}</title></head>\n"
      "<body>\n"
      "<table class=header>\n"
      "<tr><td valign=top nowrap>\n"
      "<p class=top1>Intel<font class=r><sup>&reg;</sup></font> {1}\n"
      "<td valign=\"{2}\"><img src=\"logo.gif\" align=\"right\" "
      "alt=\"Intel\">\n"
      "</table>\n",
      href, h.product_name, valign);
}

// Header with the computer name, and the left navigation bar (§2.6). The
// navigation text carries the Greenbone markers `>Hardware Information`,
// `>System<`, `>Processor<`, `>Memory<` (§1.5).
std::string AuthHead(const HostProfile& h) {
  std::string s = fmt::format(
      "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\" >\n"
      "<html><head><link rel=stylesheet href=/styles.css>\n"
      "<meta http-equiv=\"Content-Type\" content=\"text/html; "
      "charset=utf-8\">\n"
      "<title>Intel&reg; {0}</title></head>\n"
      "<body>\n"
      "<table class=header>\n"
      "<tr><td valign=top nowrap>\n"
      "<p class=top1>Intel<font class=r><sup>&reg;</sup></font> {0}\n"
      "<p class=top2><b>Computer:</b> {1}\n"
      "<td valign=\"top\"><img src=\"logo.gif\" align=\"right\" "
      "alt=\"Intel\">\n"
      "</table>\n"
      "<table class=spread cellspacing=0>\n"
      "<tr><td class=navbar>\n<br>\n"
      "<p class=nav1><a href=index.htm>System Status</a>\n"
      "<p class=nav1>Hardware Information\n"
      "<p class=nav2><a href=hw-sys.htm>System</a>\n"
      "<br><a href=hw-proc.htm>Processor</a>\n"
      "<br><a href=hw-mem.htm>Memory</a>\n"
      "<br><a href=hw-disk.htm>Disk</a>\n"
      "<br><a href=hw-batt.htm>Battery</a>\n"
      "<p class=nav1><a href=events.htm>Event Log</a>\n"
      "<p class=nav1><a href=remote.htm>Remote Control</a>\n"
      "<p class=nav1><a href=power.htm>Power Policies</a>\n"
      "<p class=nav1><a href=ip.htm>Network Settings</a>\n"
      "<p class=nav1><a href=ipv6.htm>IPv6 Network Settings</a>\n"
      "<p class=nav1><a href=fqdn.htm>System Name Settings</a>\n"
      "<p class=nav1><a href=acl.htm>User Accounts</a>\n"
      "</td>\n<td class=maincell>\n",
      h.product_name, h.computer_name);
  return s;
}

std::string Row(const std::string& key, const std::string& value) {
  // The 8.1.71 markup; Greenbone's System ID regex and Metasploit's key/value
  // scans (§1.5) both read it.
  return fmt::format(
      "<tr>\n<td class=r1><p>{}</p></td>\n<td "
      "class=r1>{}</td>\n</tr>\n<tr><td></td></tr>\n",
      key, value);
}

std::string Footer(const HostProfile& h) {
  const FirmwareVersion& v = h.version;
  return fmt::format(
      "<tr><td class=sw></td><td class=se></td></tr>\n</table>\n"
      "<h1 class=tm align=center><br>Copyright &copy; 2005-2014 Intel "
      "Corporation. &nbsp; "
      "All Rights Reserved. &nbsp; Intel&reg; {} firmware version: "
      "{}.{}.{}-build {} "
      "&nbsp;</h1>\n</td>\n</tr>\n</table>\n</body>\n</html>\n",
      h.product_name, v.major(), v.minor(), v.hotfix(), v.build());
}

std::string Section(const std::string& title) {
  return fmt::format(
      "<h1>{}</h1>\n<table class=log width=\"98%\" cellspacing=0 "
      "cellpadding=0>\n"
      "<tr><td class=nw width=200></td><td class=ne></td></tr>\n",
      title);
}

}  // namespace

std::string LogonFailedPage(const HostProfile& h) {
  return Head(h) +
         "<br />\n"
         "<h2 class=warn>Log on failed. Incorrect user name or password, or "
         "user account "
         "temporarily locked.</h2>\n"
         "\n<p>\n"
         "<form METHOD=\"GET\" action=\"index.htm\"><h2><input type=submit "
         "value=\"Try again\">\n"
         "</h2></form>\n<p>\n\n</body>\n</html>\n";
}

std::string LogonPage(const HostProfile& h) {
  // §2.5 (AMT 7.1.70 capture, 660 bytes for AMT).
  return Head(h) + fmt::format(
                       "\n<h1>Log On</h1>\n"
                       "<P>Log on to Intel&reg; {} on this computer.\n"
                       "<P><form METHOD=\"GET\" "
                       "action=\"index.htm\"><h2><input type=submit "
                       "value=\"  Log On... \">\n"
                       "</h2></form></body></html>\n",
                       h.product_name);
}

std::string IndexPage(const HostProfile& h, std::time_t now) {
  std::tm tm{};
  gmtime_r(&now, &tm);
  int hour12 = tm.tm_hour % 12 == 0 ? 12 : tm.tm_hour % 12;
  std::string s = AuthHead(h) + Section("System Status");
  s += Row("Power", "On");
  s += Row("IP address", h.config.address.find(':') == std::string::npos
                             ? h.config.address
                             : "0.0.0.0");
  s += Row("IPv6 address", "Disabled");
  s += Row("System ID", h.system_id);
  s += Row("Date", fmt::format("{}/{}/{}", tm.tm_mon + 1, tm.tm_mday,
                               tm.tm_year + 1900));
  s += Row("Time", fmt::format("{}:{:02} {}", hour12, tm.tm_min,
                               tm.tm_hour < 12 ? "am" : "pm"));
  s += "<tr>\n<td class=r1><form METHOD=\"GET\" action=\"index.htm\"><input "
       "type=submit "
       "value=\"Refresh\"></form>\n<td>&nbsp;\n</tr>\n";
  return s + Footer(h);
}

std::string HwSysPage(const HostProfile& h) {
  // §1.5/§2.6: Metasploit scrapes `<td class=r1><p>KEY` / `<td
  // class=r1>VALUE<`.
  std::string s = AuthHead(h) + Section("System Information");
  s += "<tr><td colspan=2><p><b>Platform</b></td></tr>\n";
  s += Row("Computer model", "OptiPlex 7010");
  s += Row("Manufacturer", "Dell Inc.");
  s += Row("Version", "01");
  s += Row("Serial number", "EMU" + h.system_id.substr(0, 4));
  s += Row("System ID", h.system_id);
  s += "<tr><td colspan=2><p><b>Baseboard</b></td></tr>\n";
  s += Row("Manufacturer", "Dell Inc.");
  s += Row("Product name", "0YXT71");
  s += Row("Version", "A00");
  s += Row("Serial number", "/EMU" + h.system_id.substr(4, 4) + "/");
  s += Row("Asset tag", "Not Specified");
  s += Row("Replaceable?", "Yes");
  s += "<tr><td colspan=2><p><b>BIOS</b></td></tr>\n";
  s += Row("Vendor", "Dell Inc.");
  s += Row("Version", "A12");
  s += Row("Release date", "05/09/2013");
  return s + Footer(h);
}

std::string OtherPage(const HostProfile& h, const std::string& path) {
  static const std::pair<const char*, const char*> kPages[] = {
      {"/hw-proc.htm", "Processor Information"},
      {"/hw-mem.htm", "Memory Information"},
      {"/hw-disk.htm", "Disk Information"},
      {"/hw-batt.htm", "Battery Information"},
      {"/events.htm", "Event Log"},
      {"/remote.htm", "Remote Control"},
      {"/power.htm", "Power Policies"},
      {"/ip.htm", "Network Settings"},
      {"/ipv6.htm", "IPv6 Network Settings"},
      {"/fqdn.htm", "System Name Settings"},
      {"/acl.htm", "User Accounts"}};
  for (const auto& [p, title] : kPages) {
    if (path == p) return AuthHead(h) + Section(title) + Footer(h);
  }
  return "";
}

const std::string& StylesCss() {
  static const std::string css =
      "body { font-family: Verdana, Arial, Helvetica, sans-serif; font-size: "
      "10pt; }\n"
      "table.header { width: 100%; background-color: #0860A8; color: white; }\n"
      "p.top1 { font-size: 16pt; margin: 4px; }\n"
      "p.top2 { font-size: 10pt; margin: 4px; }\n"
      "td.navbar { width: 180px; background-color: #E0E8F0; vertical-align: "
      "top; }\n"
      "p.nav1 { font-weight: bold; margin: 6px; }\n"
      "p.nav2 { margin-left: 18px; }\n"
      "td.r1 { border-bottom: 1px solid #C0C0C0; padding: 2px; }\n"
      "h2.warn { color: #C00000; }\n"
      "h1.tm { font-size: 8pt; font-weight: normal; }\n";
  return css;
}

const std::string& LogoGif() {
  // 1x1 transparent GIF89a.
  static const std::string gif(
      "GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff\x21\xf9\x04"
      "\x01\x00\x00\x00\x00"
      "\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00\x3b",
      43);
  return gif;
}

}  // namespace amtscope::emu
