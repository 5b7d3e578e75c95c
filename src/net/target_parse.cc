#include "net/target_parse.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bitset>
#include <boost/asio/ip/address_v6.hpp>
#include <charconv>
#include <optional>

#include "core/bounded_file.h"

namespace amtscope {

namespace {

constexpr std::string_view kTargetHint =
    "targets are IPs, CIDR blocks (198.18.0.0/24), ranges "
    "(198.18.0.1-198.18.0.9, "
    "198.18.0.1-9, 198.18.0-3.1-254, 198.18.*.1) or host names";
// An octet range like *.*.*.1 would need millions of tiny ranges.
constexpr uint64_t kMaxRangesPerEntry = uint64_t{1} << 20;

// Quotes at most a short, escaped excerpt: entries come from files too.
Status Bad(std::string_view entry, std::string_view why,
           std::string_view hint = kTargetHint) {
  return Status::InvalidArgument(
      fmt::format("bad target '{}': {}", Excerpt(entry), why), hint);
}

bool AllOf(std::string_view s, std::string_view allowed) {
  return s.find_first_not_of(allowed) == std::string_view::npos;
}

std::optional<unsigned> ParseNumber(std::string_view s, unsigned max) {
  unsigned v = 0;
  if (s.empty() || s.size() > 5) return std::nullopt;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v > max) {
    return std::nullopt;
  }
  return v;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  while (true) {
    size_t pos = s.find(sep);
    parts.push_back(s.substr(0, pos));
    if (pos == std::string_view::npos) return parts;
    s.remove_prefix(pos + 1);
  }
}

// Strict dotted quad: four decimal octets 0-255 (no "1", no hex like
// inet_aton).
std::optional<uint32_t> ParseV4(std::string_view s) {
  auto parts = Split(s, '.');
  if (parts.size() != 4) return std::nullopt;
  uint32_t value = 0;
  for (auto p : parts) {
    if (p.size() > 3) return std::nullopt;
    auto octet = ParseNumber(p, 255);
    if (!octet) return std::nullopt;
    value = value << 8 | *octet;
  }
  return value;
}

std::optional<Uint128> ParseV6(std::string_view s) {
  if (s.find(':') == std::string_view::npos ||
      s.find('%') != std::string_view::npos) {
    return std::nullopt;
  }
  boost::system::error_code ec;
  auto addr = boost::asio::ip::make_address_v6(std::string(s), ec);
  if (ec) return std::nullopt;
  Uint128 value = 0;
  for (uint8_t b : addr.to_bytes()) value = value << 8 | b;
  return value;
}

AddressRange Cidr(bool v6, Uint128 base, int prefix) {
  int bits = v6 ? 128 : 32;
  Uint128 host_mask = prefix >= bits ? 0 : (Uint128{1} << (bits - prefix)) - 1;
  return {v6, base & ~host_mask, (base & ~host_mask) | host_mask};
}

bool LooksLikeHostName(std::string_view s) {
  return !s.empty() && s.size() <= 253 &&
         AllOf(s,
               "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789."
               "-_") &&
         s.find_first_of(
             "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") !=
             std::string_view::npos &&
         s.front() != '-' && s.front() != '.';
}

Result<std::vector<AddressRange>> Resolve(std::string_view entry,
                                          std::string_view host,
                                          Resolver& resolver) {
  auto addrs = resolver.Resolve(host);
  if (!addrs.ok()) {
    return Bad(
        entry,
        fmt::format("cannot resolve host name: {}", addrs.status().message()),
        addrs.status().hint().empty() ? kTargetHint : addrs.status().hint());
  }
  std::vector<AddressRange> out;
  for (const auto& a : *addrs) {
    if (a.is_v4()) {
      out.push_back({false, a.to_v4().to_uint(), a.to_v4().to_uint()});
    } else if (auto v = ParseV6(a.to_v6().to_string())) {
      out.push_back({true, *v, *v});
    }
  }
  if (out.empty()) return Bad(entry, "host name has no addresses");
  return out;
}

Result<std::vector<AddressRange>> ParseCidr(std::string_view entry,
                                            Resolver& resolver) {
  size_t slash = entry.find('/');
  std::string_view left = entry.substr(0, slash);
  std::string_view right = entry.substr(slash + 1);
  auto prefix = ParseNumber(right, 128);
  if (!prefix)
    return Bad(entry,
               fmt::format("prefix length '/{}' is not a number 0-128", right));
  std::vector<AddressRange> bases;
  if (auto v4 = ParseV4(left)) {
    bases.push_back({false, *v4, *v4});
  } else if (auto v6 = ParseV6(left)) {
    bases.push_back({true, *v6, *v6});
  } else if (LooksLikeHostName(left)) {
    AMTSCOPE_ASSIGN_OR_RETURN(bases, Resolve(entry, left, resolver));
  } else {
    return Bad(
        entry,
        fmt::format("'{}' is not an IPv4/IPv6 address or host name", left));
  }
  std::vector<AddressRange> out;
  for (const auto& b : bases) {
    if (!b.v6 && *prefix > 32)
      return Bad(entry, "IPv4 prefix length must be 0-32");
    if (b.v6 && static_cast<int>(*prefix) < kMinIpv6Prefix) {
      return Bad(
          entry, fmt::format("IPv6 prefix /{} is too large to sweep", *prefix),
          "IPv6 blocks must be /112 or longer (at most 65536 addresses); "
          "list known hosts instead");
    }
    out.push_back(Cidr(b.v6, b.first, static_cast<int>(*prefix)));
  }
  return out;
}

Result<std::vector<AddressRange>> ParseFullRange(std::string_view entry,
                                                 size_t dash) {
  std::string_view lo = entry.substr(0, dash);
  std::string_view hi = entry.substr(dash + 1);
  AddressRange r;
  if (auto a = ParseV4(lo), b = ParseV4(hi); a && b) {
    r = {false, *a, *b};
  } else if (auto c = ParseV6(lo), d = ParseV6(hi); c && d) {
    r = {true, *c, *d};
    if (*d >= *c && *d - *c >= 65536) {
      return Bad(entry, "IPv6 range is too large to sweep",
                 "IPv6 ranges may hold at most 65536 addresses");
    }
  } else {
    return Bad(entry,
               "both ends of a range must be addresses of the same family");
  }
  if (r.last < r.first) return Bad(entry, "range end is below its start");
  return std::vector<AddressRange>{r};
}

// One octet of an nmap octet range: "*", "7", "1-254", "-9", "200-", "1,3,5-7".
Result<std::bitset<256>> ParseOctetSpec(std::string_view entry,
                                        std::string_view spec) {
  std::bitset<256> set;
  for (std::string_view item : Split(spec, ',')) {
    if (item == "*") {
      set.set();
      continue;
    }
    size_t dash = item.find('-');
    std::string_view lo_text = item.substr(0, dash);
    std::string_view hi_text =
        dash == std::string_view::npos ? lo_text : item.substr(dash + 1);
    auto lo = lo_text.empty() && dash != std::string_view::npos
                  ? std::optional<unsigned>(0)
                  : ParseNumber(lo_text, 255);
    auto hi = hi_text.empty() && dash != std::string_view::npos
                  ? std::optional<unsigned>(255)
                  : ParseNumber(hi_text, 255);
    if (!lo || !hi) {
      return Bad(
          entry,
          fmt::format("octet '{}' is not a number 0-255, a range or *", item));
    }
    if (*lo > *hi)
      return Bad(entry, fmt::format("octet range '{}' is reversed", item));
    for (unsigned v = *lo; v <= *hi; ++v) set.set(v);
  }
  return set;
}

Result<std::vector<AddressRange>> ParseOctetRange(std::string_view entry) {
  auto specs = Split(entry, '.');
  if (specs.size() != 4)
    return Bad(entry, "an IPv4 address or octet range has four parts");
  std::array<std::bitset<256>, 4> sets;
  for (int i = 0; i < 4; ++i) {
    AMTSCOPE_ASSIGN_OR_RETURN(sets[i], ParseOctetSpec(entry, specs[i]));
  }
  std::vector<std::pair<unsigned, unsigned>> runs;  // contiguous last octets
  for (unsigned v = 0; v < 256; ++v) {
    if (!sets[3][v]) continue;
    unsigned end = v;
    while (end + 1 < 256 && sets[3][end + 1]) ++end;
    runs.emplace_back(v, end);
    v = end;
  }
  uint64_t combos =
      sets[0].count() * sets[1].count() * sets[2].count() * runs.size();
  if (combos > kMaxRangesPerEntry) {
    return Bad(entry, "octet range splits into too many pieces",
               "use CIDR blocks or a-b ranges for large spaces");
  }
  std::vector<AddressRange> out;
  out.reserve(combos);
  for (unsigned a = 0; a < 256; ++a) {
    if (!sets[0][a]) continue;
    for (unsigned b = 0; b < 256; ++b) {
      if (!sets[1][b]) continue;
      for (unsigned c = 0; c < 256; ++c) {
        if (!sets[2][c]) continue;
        uint32_t base = a << 24 | b << 16 | c << 8;
        for (auto [lo, hi] : runs) out.push_back({false, base | lo, base | hi});
      }
    }
  }
  return out;
}

// "http://host/..." or "host:16992" / "[v6]:16992": the user meant a port.
std::optional<Status> PortInEntry(std::string_view entry) {
  constexpr std::string_view kPortHint =
      "give the host alone; ports go in -p (e.g. -p 16992,16993)";
  if (entry.find("://") != std::string_view::npos) {
    return Bad(entry, "a URL, not a target", kPortHint);
  }
  size_t colon = entry.rfind(':');
  if (colon == std::string_view::npos || colon + 1 >= entry.size()) {
    return std::nullopt;
  }
  std::string_view port = entry.substr(colon + 1);
  std::string_view host = entry.substr(0, colon);
  bool one_colon = host.find(':') == std::string_view::npos;
  bool bracketed = host.size() > 2 && host.front() == '[' && host.back() == ']';
  if (AllOf(port, "0123456789") && (one_colon || bracketed)) {
    return Bad(entry, "host:port, not a target", kPortHint);
  }
  return std::nullopt;
}

}  // namespace

Result<std::vector<AddressRange>> ParseTargetEntry(std::string_view entry,
                                                   Resolver& resolver) {
  if (entry.empty()) return Bad(entry, "empty entry");
  if (auto port = PortInEntry(entry)) return *port;  // before the '/' of CIDR
  if (entry.find('/') != std::string_view::npos)
    return ParseCidr(entry, resolver);
  if (auto v4 = ParseV4(entry))
    return std::vector<AddressRange>{{false, *v4, *v4}};
  if (auto v6 = ParseV6(entry))
    return std::vector<AddressRange>{{true, *v6, *v6}};
  size_t dash = entry.find('-');
  if (dash != std::string_view::npos) {
    std::string_view after = entry.substr(dash + 1);
    if (std::count(after.begin(), after.end(), '.') == 3 ||
        after.find(':') != std::string_view::npos) {
      return ParseFullRange(entry, dash);
    }
  }
  if (AllOf(entry, "0123456789.*,-")) return ParseOctetRange(entry);
  if (LooksLikeHostName(entry)) return Resolve(entry, entry, resolver);
  return Bad(entry, "not an address, CIDR block, range or host name");
}

std::vector<std::string> SplitTargetList(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])))
      ++i;
    size_t start = i;
    while (i < text.size() &&
           !std::isspace(static_cast<unsigned char>(text[i])))
      ++i;
    if (i == start) break;
    for (std::string_view piece : Split(text.substr(start, i - start), ',')) {
      // A piece that is only an octet fragment ("3.5" after "198.18.1")
      // continues the previous entry's octet list (nmap syntax).
      bool fragment = AllOf(piece, "0123456789.*-") &&
                      std::count(piece.begin(), piece.end(), '.') < 3;
      if (fragment && !out.empty() && AllOf(out.back(), "0123456789.*,-") &&
          !piece.empty()) {
        out.back() += ',';
        out.back() += piece;
      } else if (!piece.empty()) {
        out.emplace_back(piece);
      }
    }
  }
  return out;
}

}  // namespace amtscope
