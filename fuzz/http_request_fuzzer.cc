// libFuzzer target: arbitrary bytes through the emulator's request path —
// Beast's bounded request parser (same limits as the server), then routing
// (Digest parsing, SOAP handling) for every host profile family.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstddef>
#include <cstdint>
#include <string>

#include "emu/router.h"

namespace {

const amtscope::emu::HostProfile& Profile(uint8_t which) {
  static const amtscope::emu::HostProfile kProfiles[] = {
      *amtscope::emu::MakeHostProfile({.firmware = "8.1.40"}, 0),
      *amtscope::emu::MakeHostProfile(
          {.firmware = "11.8.50.3425", .web_ui = false}, 0),
      *amtscope::emu::MakeHostProfile(
          {.firmware = "7.1.91", .mode = amtscope::emu::Mode::kPatched}, 0)};
  return kProfiles[which % 3];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace http = boost::beast::http;
  static const amtscope::emu::NonceMinter nonces;
  http::request_parser<http::string_body> parser;
  parser.header_limit(8192);
  parser.body_limit(65536);
  parser.eager(true);
  boost::system::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (ec || !parser.is_done()) return 0;
  const auto& m = parser.get();
  amtscope::emu::HttpRequest req;
  req.method = std::string(m.method_string());
  req.target = std::string(m.target());
  req.version = m.version();
  req.host = std::string(m[http::field::host]);
  req.soap_action = std::string(m["SOAPAction"]);
  if (auto it = m.find(http::field::authorization); it != m.end()) {
    req.authorization = std::string(it->value());
  }
  req.body = m.body();
  req.keep_alive = m.keep_alive();
  (void)amtscope::emu::Route(Profile(size ? data[0] : 0), nonces, req, false,
                             1700000000, 1);
  return 0;
}
