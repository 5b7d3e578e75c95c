#include "emu/responses.h"

#include <fmt/format.h>

#include "emu/pages.h"

namespace amtscope::emu {

std::string HttpDate(std::time_t t) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed",
                                          "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr",
                                            "May", "Jun", "Jul", "Aug",
                                            "Sep", "Oct", "Nov", "Dec"};
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{}, {} {} {} {:02}:{:02}:{:02} GMT", kDays[tm.tm_wday],
                     tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900,
                     tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string Chunked(std::string_view body, size_t max_chunk) {
  std::string out;
  out.reserve(body.size() + body.size() / max_chunk * 8 + 16);
  while (!body.empty()) {
    size_t n = std::min(body.size(), max_chunk);
    out += fmt::format("{:04X}\r\n", n);
    out.append(body.substr(0, n));
    out += "\r\n";
    body.remove_prefix(n);
  }
  out += "0\r\n\r\n";
  return out;
}

std::string ChallengeValue(const HostProfile& host, std::string_view nonce) {
  // §2.2: `, ` only between realm and nonce; Greenbone's regex needs it.
  return fmt::format(
      "Digest realm=\"{}\", nonce=\"{}\",stale=\"false\",qop=\"auth\"",
      host.realm, nonce);
}

std::string UnauthorizedResponse(const HostProfile& host,
                                 std::string_view nonce) {
  std::string body = LogonFailedPage(host);
  // §2.3: Server after Content-Type; Content-Length then Connection: close.
  return fmt::format(
      "HTTP/1.1 401 Unauthorized\r\n"
      "WWW-Authenticate: {}\r\n"
      "Content-Type: text/html\r\n"
      "Server: {}\r\n"
      "Content-Length: {}\r\n"
      "Connection: close\r\n\r\n{}",
      ChallengeValue(host, nonce), host.server_header, body.size(), body);
}

std::string RedirectResponse(const HostProfile& host, bool tls,
                             std::string_view host_header) {
  // §2.4/§2.11: Server is the last header; nmap's 302 pattern is anchored.
  if (host.redirect_303) {
    return fmt::format(
        "HTTP/1.1 303 See Other\r\nLocation: /logon.htm\r\nContent-Length: "
        "0\r\nServer: {}\r\n\r\n",
        host.server_header);
  }
  return fmt::format(
      "HTTP/1.1 302 Found\r\nLocation: {}://{}/logon.htm\r\nContent-Length: "
      "0\r\nServer: {}\r\n\r\n",
      tls ? "https" : "http", host_header, host.server_header);
}

std::string PageResponse(const HostProfile& host, std::time_t now,
                         std::string_view content_type, std::string_view body,
                         bool head) {
  // §2.6: Date, Server, Content-Type, Transfer-Encoding, Cache-Control,
  // Expires.
  std::string out = fmt::format(
      "HTTP/1.1 200 OK\r\n"
      "Date: {}\r\n"
      "Server: {}\r\n"
      "Content-Type: {}\r\n"
      "Transfer-Encoding: chunked\r\n"
      "Cache-Control: no cache\r\n"
      "Expires: Thu, 26 Oct 1995 00:00:00 GMT\r\n\r\n",
      HttpDate(now), host.server_header, content_type);
  if (!head) out += Chunked(body);
  return out;
}

std::string SoapResponse(const HostProfile& host, std::time_t now, int status,
                         std::string_view content_type, std::string_view body) {
  // §2.7: Date, Server, X-Frame-Options, Content-Type, Transfer-Encoding.
  const char* reason = status == 200   ? "OK"
                       : status == 400 ? "Bad Request"
                                       : "Internal Server Error";
  return fmt::format(
      "HTTP/1.1 {} {}\r\n"
      "Date: {}\r\n"
      "Server: {}\r\n"
      "X-Frame-Options: DENY\r\n"
      "Content-Type: {}\r\n"
      "Transfer-Encoding: chunked\r\n\r\n{}",
      status, reason, HttpDate(now), host.server_header, content_type,
      Chunked(body));
}

std::string PlainWebResponse(const HostProfile& host, bool head) {
  constexpr std::string_view kBody = "<html><body>It works!</body></html>\n";
  return fmt::format(
      "HTTP/1.1 200 OK\r\nServer: {}\r\nContent-Type: text/html\r\n"
      "Content-Length: {}\r\n\r\n{}",
      host.server_header, kBody.size(), head ? "" : kBody);
}

std::string NotFoundResponse(const HostProfile& host) {
  return fmt::format(
      "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nServer: "
      "{}\r\nContent-Length: 0\r\n\r\n",
      host.server_header);
}

}  // namespace amtscope::emu
