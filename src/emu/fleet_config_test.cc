#include "emu/fleet_config.h"

#include <gtest/gtest.h>

namespace amtscope::emu {
namespace {

TEST(FleetConfigTest, ParsesListAndObjectForms) {
  auto f = ParseFleetJson(R"([{"address":"127.0.1.1","firmware":"8.1.40"}])");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  ASSERT_EQ(f->hosts.size(), 1u);
  EXPECT_EQ(f->hosts[0].ports,
            (std::vector<ListenPort>{{16992, false}, {16993, true}}));
  auto g = ParseFleetJson(
      R"({"seed":7,"hosts":[{"address":"127.0.1.1","firmware":"11.8.50.3425",
      "ports":[16992,"0/tls",623],"mode":"patched","product":"ism","bare_banner":true,"web_ui":false,
      "build":3425,"admin_password":"x1","realm":"Digest:ABCD0000000000000000000000000000"}]})");
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->seed, 7u);
  const HostConfig& h = g->hosts[0];
  EXPECT_EQ(h.mode, Mode::kPatched);
  EXPECT_EQ(h.product, Product::kIsm);
  EXPECT_TRUE(h.bare_banner);
  EXPECT_FALSE(h.web_ui);
  EXPECT_EQ(h.ports[1], (ListenPort{0, true}));
  EXPECT_EQ(h.ports[2], (ListenPort{623, false}));
}

TEST(FleetConfigTest, CountExpandsAddresses) {
  auto f = ParseFleetJson(
      R"([{"address":"127.1.0.255","count":3,"firmware":"7.1.91"}])");
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f->hosts.size(), 3u);
  EXPECT_EQ(f->hosts[2].address, "127.1.1.1");
}

TEST(FleetConfigTest, ClearErrors) {
  struct Case {
    const char* json;
    const char* needle;
  };
  for (
      const Case& c : std::initializer_list<Case>{
          {"[", "not valid JSON"},
          {"{}", "no \"hosts\""},
          {"[]", "no hosts"},
          {R"([{"firmware":"8.1.40"}])", "missing \"address\""},
          {R"([{"address":"127.0.0.1"}])", "missing \"firmware\""},
          {R"([{"address":"nope","firmware":"8.1.40"}])", "bad address"},
          {R"([{"address":"127.0.0.1","firmware":"x.y"}])", "firmware"},
          {R"([{"address":"127.0.0.1","firmware":"8.1.40","mode":"bad"}])",
           "unknown mode"},
          {R"([{"address":"127.0.0.1","firmware":"8.1.40","ports":[8080]}])",
           "not an AMT web port"},
          {R"([{"address":"127.0.0.1","firmware":"8.1.40","colour":1}])",
           "unknown key"},
          {R"([{"address":"127.0.0.1","firmware":"8.1.40"},{"address":"127.0.0.1","firmware":"8.1.40"}])",
           "configured twice"},
          {R"([{"address":"127.0.0.1","firmware":"8.1.40","cert":"a.pem"}])",
           "certificate"}}) {
    auto f = ParseFleetJson(c.json);
    ASSERT_FALSE(f.ok()) << c.json;
    EXPECT_NE(f.status().ToString().find(c.needle), std::string::npos)
        << f.status().ToString();
    EXPECT_EQ(f.status().ToString().find('\n'), std::string::npos);
  }
}

TEST(FleetConfigTest, RealmStablePerAddressAndSeed) {
  HostConfig a;
  a.address = "127.0.0.9";
  auto p1 = MakeHostProfile(a, 1), p2 = MakeHostProfile(a, 1),
       p3 = MakeHostProfile(a, 2);
  EXPECT_EQ(p1->realm, p2->realm);
  EXPECT_NE(p1->realm, p3->realm);
  EXPECT_EQ(p1->realm.size(), 7u + 32u);
  EXPECT_EQ(p1->realm.substr(11),
            std::string(28, '0'));  // 4 hex + 28 zeros before AMT 15
  a.firmware = "15.0.23.1706";
  EXPECT_NE(MakeHostProfile(a, 1)->realm.substr(11), std::string(28, '0'));
}

}  // namespace
}  // namespace amtscope::emu
