#include "net/siphash.h"

#include <gtest/gtest.h>

#include <vector>

namespace amtscope {
namespace {

// The reference key 00 01 .. 0f of the SipHash paper's test vectors.
SipKey PaperKey() { return {0x0706050403020100ULL, 0x0f0e0d0c0b0a0908ULL}; }

TEST(SipHash, MatchesPaperVectors) {
  std::vector<uint8_t> msg;
  EXPECT_EQ(SipHash24(PaperKey(), msg), 0x726fdb47dd0e0e31ULL);
  msg = {0};
  EXPECT_EQ(SipHash24(PaperKey(), msg), 0x74f839c593dc67fdULL);
  msg.clear();
  for (uint8_t i = 0; i < 15; ++i) msg.push_back(i);
  // Appendix A of the paper: 15-byte input 00..0e.
  EXPECT_EQ(SipHash24(PaperKey(), msg), 0xa129ca6149be45e5ULL);
}

TEST(SynCookie, DependsOnEveryInputAndTheKey) {
  SipKey k{1, 2};
  uint32_t base = SynCookie(k, 0xC6120001, 16992, 61000);
  EXPECT_EQ(base, SynCookie(k, 0xC6120001, 16992, 61000));
  EXPECT_NE(base, SynCookie(k, 0xC6120002, 16992, 61000));
  EXPECT_NE(base, SynCookie(k, 0xC6120001, 16993, 61000));
  EXPECT_NE(base, SynCookie(k, 0xC6120001, 16992, 61001));
  EXPECT_NE(base, SynCookie(SipKey{1, 3}, 0xC6120001, 16992, 61000));
}

}  // namespace
}  // namespace amtscope
