#include "advisory/vendor_db.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

namespace amtscope {
namespace {

const VendorDb& Db() {
  static const VendorDb* db = [] {
    auto loaded = VendorDb::Embedded();
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return new VendorDb(std::move(loaded).value());
  }();
  return *db;
}

TEST(VendorDbTest, EmbeddedHoldsEverySourceRow) {
  std::map<std::string, int> per_vendor;
  for (const VendorFix& f : Db().fixes()) {
    ++per_vendor[f.vendor];
    EXPECT_FALSE(f.source.empty()) << f.model;
  }
  // 173 HP rows (BiosSledgehammer); vendor_rows_misc.csv: 30 Dell, 13 Fujitsu,
  // 16 Lenovo.
  EXPECT_EQ(per_vendor["HP"], 173);
  EXPECT_EQ(per_vendor["Dell"], 30);
  EXPECT_EQ(per_vendor["Fujitsu"], 13);
  EXPECT_EQ(per_vendor["Lenovo"], 16);
  EXPECT_EQ(Db().vendors().size(), 12u);
}

TEST(VendorDbTest, EliteBook850G3) {
  for (const auto& [vendor, model] :
       std::vector<std::pair<std::string, std::string>>{
           {"HP", "HP EliteBook 850 G3"},
           {"hp", "elitebook 850 g3"},
           {"Hewlett-Packard", "EliteBook 850 G3"},
           {"HP Inc.", "  HP   EliteBook 850 G3 "},
           {"HPE", "HP EliteBook 850 G3"},
           {"  hewlett-packard ", "Hewlett-Packard EliteBook 850 G3"}}) {
    VendorLookup got = Db().Lookup(vendor, model);
    ASSERT_TRUE(got.model_known) << vendor << " / " << model;
    EXPECT_TRUE(got.vendor_known);
    EXPECT_EQ(got.match, "exact");
    const VendorFix* sa75 = FixFor(got, "INTEL-SA-00075");
    ASSERT_NE(sa75, nullptr);
    EXPECT_EQ(sa75->me_version, "11.0.18.3003");
    EXPECT_EQ(sa75->date, "2017-05-14");
    EXPECT_NE(sa75->url.find("sp80248"), std::string::npos);
    EXPECT_NE(sa75->source.find("BiosSledgehammer"), std::string::npos);
    const VendorFix* latest = LatestMeFix(got);
    ASSERT_NE(latest, nullptr);
    EXPECT_EQ(latest->me_version, "11.8.65.3590");
    EXPECT_EQ(got.fixes.size(), 5u);  // the whole history is kept
    EXPECT_EQ(got.fixes.front().me_version, "11.0.18.3003");  // by date
  }
  EXPECT_EQ(Db().Lookup("HP", "HP EliteBook 850 G3").vendor, "HP");
  EXPECT_EQ(Db().Lookup("HPE", "HP EliteBook 850 G3").vendor, "HPE");
}

TEST(VendorDbTest, UnknownModelGivesVendorAdvisoryUrl) {
  VendorLookup got = Db().Lookup("HP", "HP EliteBook 850 G9");
  EXPECT_TRUE(got.vendor_known);
  EXPECT_FALSE(got.model_known);
  EXPECT_TRUE(got.fixes.empty());
  EXPECT_NE(got.advisory_url.find("intelmanageabilityissue"),
            std::string::npos);
  EXPECT_FALSE(got.suggestions.empty());

  VendorLookup lenovo = Db().Lookup("LENOVO", "ThinkPad P17 Gen 1");
  EXPECT_FALSE(lenovo.model_known);
  EXPECT_NE(lenovo.advisory_url.find("LEN-14963"), std::string::npos);

  VendorLookup acer = Db().Lookup("Acer", "TravelMate P658");
  EXPECT_TRUE(acer.vendor_known);
  EXPECT_FALSE(acer.model_known);
  EXPECT_FALSE(acer.advisory_url.empty());

  VendorLookup nobody = Db().Lookup("Nobody Corp", "Box 1");
  EXPECT_FALSE(nobody.vendor_known);
  EXPECT_FALSE(nobody.model_known);
  EXPECT_TRUE(nobody.advisory_url.empty());
  EXPECT_FALSE(Db().Lookup("HP", "").model_known);
}

// A model number alone ("850") lists the models that carry it.
TEST(VendorDbTest, ModelNumberAloneSuggestsItsModels) {
  VendorLookup got = Db().Lookup("HP", "850");
  EXPECT_FALSE(got.model_known);
  EXPECT_GE(got.suggestions.size(), 2u);
  for (const std::string& m : got.suggestions) {
    EXPECT_NE(m.find(" 850 "), std::string::npos) << m;
  }
  EXPECT_NE(std::find(got.suggestions.begin(), got.suggestions.end(),
                      "HP EliteBook 850 G3"),
            got.suggestions.end());
}

TEST(VendorDbTest, OtherVendors) {
  VendorLookup t20 = Db().Lookup("Dell Inc.", "PowerEdge T20");
  ASSERT_TRUE(t20.model_known);
  ASSERT_EQ(t20.fixes.size(), 1u);
  EXPECT_EQ(t20.fixes[0].bios_version, "A12");
  EXPECT_EQ(t20.fixes[0].status, "fixed");

  VendorLookup r730 = Db().Lookup("Dell", "PowerEdge R730");
  ASSERT_TRUE(r730.model_known);
  EXPECT_EQ(r730.match, "prefix");
  EXPECT_EQ(r730.fixes[0].status, "not affected");

  VendorLookup optiplex = Db().Lookup("dell", "OptiPlex 9010");
  ASSERT_TRUE(optiplex.model_known);
  ASSERT_EQ(optiplex.fixes.size(), 1u);  // not the 9010 AIO
  EXPECT_EQ(optiplex.fixes[0].status, "no fix scheduled");

  VendorLookup x230 = Db().Lookup("LENOVO", "ThinkPad X230");
  ASSERT_TRUE(x230.model_known);
  EXPECT_EQ(x230.fixes[0].me_version, "8.1.72.3002");
  EXPECT_EQ(x230.fixes[0].advisory, "INTEL-SA-00086");

  VendorLookup carbon = Db().Lookup("Lenovo", "ThinkPad X1 Carbon");
  EXPECT_TRUE(carbon.model_known);  // "(Type 34xx)" is ignored

  VendorLookup primergy = Db().Lookup("FUJITSU", "PRIMERGY RX1330 M2");
  ASSERT_TRUE(primergy.model_known);
  EXPECT_EQ(primergy.fixes[0].bios_version, "R1.22.0");

  VendorLookup z440 = Db().Lookup("HP", "Z440");
  ASSERT_TRUE(z440.model_known);
  EXPECT_EQ(z440.match, "partial");
  EXPECT_EQ(z440.fixes[0].model, "HP Z440 Workstation");

  VendorLookup zbook = Db().Lookup("HP", "ZBook 15");  // G2, G3, G4: ambiguous
  EXPECT_FALSE(zbook.model_known);
  EXPECT_GE(zbook.suggestions.size(), 3u);

  VendorLookup no_vendor = Db().Lookup("", "HP EliteBook 850 G3");
  EXPECT_TRUE(no_vendor.model_known);
  EXPECT_EQ(no_vendor.vendor, "HP");
}

TEST(VendorDbTest, CanonicalVendorNames) {
  EXPECT_EQ(Db().CanonicalVendor("Hewlett-Packard"), "HP");
  EXPECT_EQ(Db().CanonicalVendor("hp inc."), "HP");
  EXPECT_EQ(Db().CanonicalVendor("HPE"), "HPE");
  EXPECT_EQ(Db().CanonicalVendor("Dell Inc."), "Dell");
  EXPECT_EQ(Db().CanonicalVendor("ASUSTeK COMPUTER INC."), "Asus");
  EXPECT_EQ(Db().CanonicalVendor("Intel Corporation"), "Intel");
  EXPECT_EQ(Db().CanonicalVendor("Apple"), "");
}

TEST(VendorDbTest, JsonHasEveryField) {
  VendorLookup got = Db().Lookup("HP", "HP EliteBook 850 G3");
  nlohmann::json j = ToJson(got);
  EXPECT_EQ(j["vendor"], "HP");
  EXPECT_EQ(j["model_known"], true);
  EXPECT_EQ(j["fixes"].size(), 5u);
  EXPECT_EQ(j["fixes"][0]["me_version"], "11.0.18.3003");
  EXPECT_TRUE(j["fixes"][0].contains("source"));
}

TEST(VendorDbTest, SchemaErrorsNameTheField) {
  std::vector<std::pair<std::string, std::string>> cases = {
      {"[", "not valid JSON"},
      {"[]", "expected an object"},
      {"{}", "vendors: missing"},
      {R"({"vendors": [{"aliases": []}], "fixes": []})", "vendors[0].name"},
      {R"({"vendors": [{"name": "A"}]})", "fixes: missing"},
      {R"({"vendors": [{"name": "A"}], "fixes": [{"vendor": "B",
          "model": "m", "source": "s"}]})",
       "fixes[0].vendor"},
      {R"({"vendors": [{"name": "A"}], "fixes": [{"vendor": "A",
          "model": "m"}]})",
       "fixes[0].source"},
      {R"({"vendors": [{"name": "A"}], "fixes": [{"vendor": "A",
          "model": "m", "source": "s", "me_version": "eleven"}]})",
       "fixes[0].me_version"},
      {R"({"vendors": [{"name": "A", "advisory_urls": [{}]}], "fixes": []})",
       "vendors[0].advisory_urls[0].url"},
  };
  for (const auto& [json, part] : cases) {
    auto db = VendorDb::FromJson(json);
    ASSERT_FALSE(db.ok()) << json;
    EXPECT_EQ(db.status().code(), StatusCode::kCorruption);
    EXPECT_NE(db.status().message().find(part), std::string::npos)
        << db.status().message() << " lacks " << part;
    EXPECT_FALSE(db.status().hint().empty());
  }
  auto missing = VendorDb::Load("/nonexistent/vendors.json");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(VendorDb::Load("").ok());
}

}  // namespace
}  // namespace amtscope

namespace amtscope {
namespace {

TEST(VendorModelName, PrefixesTheVendorOnlyWhenMissing) {
  EXPECT_EQ(VendorModelName("HP", "HP EliteBook 850 G3"),
            "HP EliteBook 850 G3");
  EXPECT_EQ(VendorModelName("hp", "HP EliteBook 850 G3"),
            "HP EliteBook 850 G3");
  EXPECT_EQ(VendorModelName("LENOVO", "ThinkPad X230"), "LENOVO ThinkPad X230");
  EXPECT_EQ(VendorModelName("HP", "HPE ProLiant"), "HP HPE ProLiant");
  EXPECT_EQ(VendorModelName("Dell", "Dell"), "Dell Dell");
  EXPECT_EQ(VendorModelName("", "X1"), "X1");
}

}  // namespace
}  // namespace amtscope
