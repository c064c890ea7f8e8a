// The parameter table: every threshold has a key, a unit and a source; the
// TOML file overrides any subset; what --print writes reads back unchanged.

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>

#include "tidewatch/analyze/config.h"

namespace tidewatch::analyze {
namespace {

TEST(ConfigTable, EveryParameterHasAUniqueKeyAUnitAndASource) {
  Config c;
  ParamTable t(c);
  std::set<std::string> keys;
  for (const auto& p : t.params()) {
    EXPECT_TRUE(keys.insert(p.key).second) << "duplicate " << p.key;
    EXPECT_NE(p.key.find('.'), std::string::npos) << p.key;
    EXPECT_FALSE(p.unit.empty()) << p.key;
    EXPECT_FALSE(p.source.empty()) << p.key;
  }
  EXPECT_GT(keys.size(), 20U);
}

TEST(ConfigTable, TomlOverridesOnlyTheKeysItNames) {
  Config c;
  ParamTable t(c);
  t.apply_toml("[quality]\nmax_knots = 30\n[land]\nshoreline = \"i\"\n[identity]\nconfirmations = 3\n",
               "test.toml");
  EXPECT_EQ(c.quality.max_knots, 30.0);
  EXPECT_EQ(c.land.shoreline, "i");
  EXPECT_EQ(c.identity.confirmations, 3U);
  EXPECT_EQ(c.segmenter.max_knots, 25.0);  // untouched
  // An integer is accepted where a float is expected; not the other way round.
  t.apply_toml("[land]\nmargin_m = 500\n", "test.toml");
  EXPECT_EQ(c.land.margin_m, 500.0);
  EXPECT_THROW(t.apply_toml("[identity]\nconfirmations = 2.5\n", "t"), std::runtime_error);
}

TEST(ConfigTable, MistakesNameTheFileLineAndKey) {
  Config c;
  ParamTable t(c);
  try {
    t.apply_toml("[quality]\n\nmax_knot = 30\n", "mine.toml");
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "mine.toml:3: unknown parameter quality.max_knot");
  }
  EXPECT_THROW(t.apply_toml("[quality]\nmax_knots = \"fast\"\n", "t"), std::runtime_error);
  EXPECT_THROW(t.apply_toml("max_knots = 30\n", "t"), std::runtime_error);  // not in a table
  EXPECT_THROW(t.apply_toml("[quality\n", "t"), std::runtime_error);        // TOML syntax
  EXPECT_THROW(t.apply_toml("[identity]\nconfirmations = -1\n", "t"), std::runtime_error);
}

TEST(ConfigTable, PrintedTomlReadsBackToTheSameValues) {
  Config a;
  ParamTable ta(a);
  ta.apply_toml("[quality]\nmax_knots = 31.25\n[land]\nshoreline = \"f\"\n", "t");
  const std::string printed = ta.to_toml();
  Config b;
  ParamTable tb(b);
  tb.apply_toml(printed, "printed");
  EXPECT_EQ(tb.to_toml(), printed);
  EXPECT_EQ(b.quality.max_knots, 31.25);
  EXPECT_EQ(b.land.shoreline, "f");
  EXPECT_EQ(ta.to_json(), tb.to_json());
}

}  // namespace
}  // namespace tidewatch::analyze
