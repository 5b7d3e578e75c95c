// Helpers for emulator tests: a tiny blocking HTTP client over real sockets.
#ifndef AMTSCOPE_EMU_EMU_TESTUTIL_H_
#define AMTSCOPE_EMU_EMU_TESTUTIL_H_

#include <cstdint>
#include <string>

#include "emu/emulator.h"

namespace amtscope::emu::testing {

/// Sends `request` raw to addr:port and reads until the peer closes or
/// `timeout_ms` passes; returns everything received.
std::string Exchange(const std::string& addr, uint16_t port,
                     const std::string& request, int timeout_ms = 3000);

/// Reads exactly one HTTP response (Content-Length or chunked) from an open
/// socket fd; returns "" on timeout/close.
std::string ReadOneResponse(int fd, int timeout_ms = 3000);

/// Connects a blocking TCP socket with timeouts; -1 on failure.
int Connect(const std::string& addr, uint16_t port, int timeout_ms = 3000);

/// Value of header `name` in a raw response ("" when absent).
std::string Header(const std::string& response, const std::string& name);

/// Decodes a chunked body; "" on malformed input.
std::string Dechunk(const std::string& body);

/// A one-host fleet on 127.0.0.1 with ephemeral ports (HTTP, TLS).
FleetConfig OneHost(const std::string& firmware, Mode mode, bool tls = false);

/// Current resident set size in KiB.
long RssKiB();

}  // namespace amtscope::emu::testing

#endif  // AMTSCOPE_EMU_EMU_TESTUTIL_H_
