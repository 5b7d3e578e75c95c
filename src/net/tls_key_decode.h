// Faster server-key decoding for OpenSSL 3.0 and 3.1 TLS clients.
#ifndef AMTSCOPE_NET_TLS_KEY_DECODE_H_
#define AMTSCOPE_NET_TLS_KEY_DECODE_H_

namespace amtscope {

/// Makes this process decode RSA public keys in certificates with OpenSSL's
/// built-in RSA method instead of a provider decoder chain. Idempotent;
/// returns true when the fast path is on (false on OpenSSL builds without
/// engines or from 3.2 on, where the decoder is cached and fast anyway).
/// For client-only processes (`scan`): every RSA operation then takes the
/// legacy method, which cannot do a TLS server's RSA key exchange, so
/// MakeServerTlsContext refuses to run in such a process.
///
/// Why: OpenSSL 3.0 builds a new decoder context, walking every decoder of
/// every provider, for each certificate it parses; on the bench rig that was
/// 12 % of a TLS scan's CPU (docs/scan-performance.md Part 3). With a pkey
/// method engine registered for RSA, 3.0 takes its legacy decode path.
bool UseBuiltinRsaKeyDecoding();

/// True once UseBuiltinRsaKeyDecoding() switched the fast path on.
bool BuiltinRsaKeyDecodingOn();

}  // namespace amtscope

#endif  // AMTSCOPE_NET_TLS_KEY_DECODE_H_
