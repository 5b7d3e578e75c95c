#include "inventory/flat_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "inventory/import_json.h"

namespace amtscope {
namespace {

TEST(FlatJsonTest, ReadsAScanRecord) {
  FlatJson j;
  ASSERT_TRUE(
      j.Parse(R"( {"type":"port","ip":"198.18.0.5","port":16992,"tls":false,)"
              R"("advisories":["INTEL-SA-00075", "b\"c"],"error":null,)"
              R"("server":"A\u00e9\n\\z","n":-7} )"));
  EXPECT_EQ(j.String("type"), "port");
  EXPECT_EQ(j.Int("port"), 16992);
  EXPECT_EQ(j.Int("n"), -7);
  EXPECT_EQ(j.Bool("tls"), false);
  EXPECT_EQ(j.Strings("advisories"),
            (std::vector<std::string>{"INTEL-SA-00075", "b\"c"}));
  EXPECT_EQ(j.String("server"), "A\xC3\xA9\n\\z");
  EXPECT_FALSE(j.String("error"));  // null is no string
  EXPECT_FALSE(j.Int("ip"));        // a string is no integer
  EXPECT_FALSE(j.String("missing"));
}

TEST(FlatJsonTest, DeclinesWhatItDoesNotReadSoNlohmannDecides) {
  FlatJson j;
  for (const char* line :
       {R"({"a":{"b":1}})", R"({"a":1.5})", R"({"a":1e3})", R"({"a":[1]})",
        R"({"a":"\ud83d\ude00"})", "{\"a\":\"\xC3\xA9\"}", R"({"a":1} x)",
        R"({"a":1,})", R"({"a" 1})", R"({"a":"x)", "", "[]", R"({"a":tru})",
        R"({"a":99999999999999999999})", "{\"a\":\"\x01\"}", R"({"a":030})",
        R"({"a":-01})", R"({"a":-})", R"({"a":00})"}) {
    EXPECT_FALSE(j.Parse(line)) << line;
  }
  EXPECT_TRUE(j.Parse("{}"));
  EXPECT_TRUE(j.Parse(R"({"a":0,"b":-0,"c":10})"));  // JSON's only zeros
  EXPECT_TRUE(j.Parse(R"({"a":[]})"));
}

TEST(FlatJsonTest, LastDuplicateKeyWinsAsInNlohmann) {
  FlatJson j;
  ASSERT_TRUE(j.Parse(R"({"port":1,"port":2})"));
  EXPECT_EQ(j.Int("port"), 2);
  EXPECT_EQ(nlohmann::json::parse(R"({"port":1,"port":2})")["port"], 2);
}

// The two readers give the same Finding for every line the fast one reads.
TEST(FlatJsonTest, SameFindingAsTheFullParser) {
  FlatJson flat;
  for (
      const char* line : {
          R"({"type":"port","ip":"198.18.0.5","port":16993,"tls":true,"amt":true,"product":"amt","version":"8.1.40","realm":"Digest:A3829B38","verdict":"vulnerable","basis":"bypass","advisories":["INTEL-SA-00075"],"error":null,"time":"2026-11-25T01:00:02.000Z","server":"Intel(R) Active Management Technology 8.1.40","reason":"x","tls_version":"TLSv1","bypass_status":200,"control_status":401,"cert_sha256":"5e3f0c1d2b4a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"})",
          R"({"ip":"::1","port":70000})",
          R"({"ip":"198.18.0.1","port":"16992"})",
          R"({"ip":"198.18.0.1","port":623,"amt":"yes","verdict":"odd","bypass_status":1000,"cert_sha256":"XYZ"})",
      }) {
    ASSERT_TRUE(flat.Parse(line)) << line;
    auto a = FindingFromJson(flat);
    auto b = FindingFromJson(nlohmann::json::parse(line));
    ASSERT_EQ(a.has_value(), b.has_value()) << line;
    if (!a) continue;
    EXPECT_EQ(a->ip, b->ip);
    EXPECT_EQ(a->port, b->port);
    EXPECT_EQ(a->amt, b->amt);
    EXPECT_EQ(a->verdict, b->verdict);
    EXPECT_EQ(a->advisories, b->advisories);
    EXPECT_EQ(a->time, b->time);
    EXPECT_EQ(a->cert_sha256, b->cert_sha256);
    EXPECT_EQ(a->bypass_status, b->bypass_status);
    EXPECT_EQ(a->version.ToString(), b->version.ToString());
  }
}

}  // namespace
}  // namespace amtscope
