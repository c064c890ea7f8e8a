// `tidewatch detect-ships` on the real Sentinel-1 subset off Mumbai.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/fixtures.h"
#include "support/run.h"
#include "support/scratch.h"
#include "tidewatch/imagery/detection_readers.h"

namespace {

using tidewatch::test::kMumbai;

class SarCli : public ::testing::Test {
 protected:
  tidewatch::test::ScratchDir scratch_{"sar-cli"};
  std::filesystem::path dir_ = scratch_.path();
};

}  // namespace

TEST_F(SarCli, DetectShipsWritesTheThreeShips) {
  if (!std::filesystem::exists(kMumbai)) GTEST_SKIP() << kMumbai << " missing";
  const auto r = tidewatch::test::run_command(
      tidewatch::test::tidewatch_binary() + " detect-ships '" + kMumbai.string() +
          "' --out det.csv --scene mumbai --time 2020-01-02T03:04:05Z",
      dir_);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("3 ships"), std::string::npos) << r.err;
  const auto set = tidewatch::imagery::read_detections(dir_ / "det.csv");
  EXPECT_TRUE(set.rejects.empty());
  ASSERT_EQ(set.detections.size(), 3U);
  // Ordered by row then column: truth ships 1, 2, 3 (s1_mumbai_subset_3ships_truth.csv).
  const double lat[] = {19.303811, 19.283934, 19.278911}, lon[] = {72.19447, 72.196739, 72.222975};
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& d = set.detections[i];
    EXPECT_EQ(d.id, "mumbai-" + std::to_string(i + 1));
    EXPECT_EQ(d.scene, "mumbai");
    EXPECT_EQ(d.time, 1577934245000);
    EXPECT_NEAR(d.lat, lat[i], 0.0003);  // ~30 m
    EXPECT_NEAR(d.lon, lon[i], 0.0003);
    ASSERT_TRUE(d.length_m.has_value());
    EXPECT_GT(*d.length_m, 50.0);
    EXPECT_LT(*d.length_m, 400.0);
    ASSERT_TRUE(d.heading_deg.has_value());
    EXPECT_GE(*d.heading_deg, 0.0);
    EXPECT_LT(*d.heading_deg, 180.0);
  }
  // Same input, same bytes; -q is quiet; stdout by default.
  const auto q = tidewatch::test::run_command(
      tidewatch::test::tidewatch_binary() + " detect-ships '" + kMumbai.string() +
          "' -q --scene mumbai --time 2020-01-02T03:04:05Z",
      dir_);
  ASSERT_EQ(q.status, 0) << q.err;
  EXPECT_TRUE(q.err.empty()) << q.err;
  std::ifstream f(dir_ / "det.csv");
  std::stringstream ss;
  ss << f.rdbuf();
  EXPECT_EQ(q.out, ss.str());
}

TEST_F(SarCli, DetectShipsRejectsBadOptions) {
  if (!std::filesystem::exists(kMumbai)) GTEST_SKIP() << kMumbai << " missing";
  const std::string bin = tidewatch::test::tidewatch_binary();
  EXPECT_NE(tidewatch::test::run_command(bin + " detect-ships '" + kMumbai.string() + "' --land-mask x", dir_).status, 0);
  EXPECT_NE(tidewatch::test::run_command(bin + " detect-ships '" + kMumbai.string() + "' --time yesterday", dir_).status, 0);
  EXPECT_NE(tidewatch::test::run_command(bin + " detect-ships missing.tif", dir_).status, 0);
  {
    std::ofstream c(dir_ / "c.toml");
    c << "[sar]\npfa = 3.0\nthreshold_model = \"weibull\"\n";
  }
  const auto r = tidewatch::test::run_command(bin + " detect-ships '" + kMumbai.string() + "' --config c.toml", dir_);
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("threshold_model"), std::string::npos) << r.err;
}
