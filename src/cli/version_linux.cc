// The Linux build's facts for --version: OpenSSL and raw sockets.
#include <openssl/crypto.h>

#include "cli/version.h"
#include "scan/syn_socket.h"

namespace amtscope::cli {

void AddPlatformFacts(BuildFacts* facts) {
  facts->openssl = OpenSSL_version(OPENSSL_VERSION_STRING);
  facts->raw_sockets = SynSocket::Open(1).ok();
}

}  // namespace amtscope::cli
