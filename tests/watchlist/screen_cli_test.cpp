// `tidewatch screen` as an analyst runs it: lists, vessels.csv from tracks,
// one identity on the command line, CSV and JSON Lines output.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/run.h"
#include "support/scratch.h"

namespace tidewatch::test {
namespace {

namespace fs = std::filesystem;

const fs::path kOfac2024 =
    fs::path(TIDEWATCH_SHARED_DATA) / "watchlists/ofac/jackdwyer-sdn-history/2024-05-03/sdn.csv";

class ScreenCli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kOfac2024)) GTEST_SKIP() << "shared list not found: " << kOfac2024.string();
    std::ofstream(dir_ / "own.csv") << "name,imo,mmsi,callsign,note\nOUR SHIP,9358010,,,tip from an analyst\n,12345,,,typo\n";
    std::ofstream(dir_ / "vessels.csv")
        << "mmsi,mmsi_class,flag,first_seen,last_seen,n_positions,n_segments,n_noise,names,callsigns,imos,shiptypes,"
           "shared_mmsi,dimensions,draughts,destinations\n"
           "273337970,ship,RU,,,5,1,0,NEGA(3),J8Y4483(3),,,false,,,\n"
           "123456789,ship,,,,5,1,0,MAYA-1(2),,9358010(2),,false,,,\n"
           "235000001,ship,GB,,,5,1,0,MARIA(5),,9321483(5),,false,,,\n";
  }
  std::string screen(const std::string& args) {
    const RunResult r = run_command(tidewatch_binary() + " screen -w '" + kOfac2024.string() + "' " + args, dir_);
    EXPECT_EQ(r.status, 0) << r.err;
    err_ = r.err;
    return r.out;
  }
  test::ScratchDir scratch_{"screen"};
  fs::path dir_ = scratch_.path();
  std::string err_;
};

TEST_F(ScreenCli, VesselsCsvToCsvMatches) {
  const std::string out = screen("-w own.csv --vessels vessels.csv");
  std::istringstream in(out);
  std::string header, line;
  std::getline(in, header);
  EXPECT_EQ(header.rfind("mmsi,names,list_source,list_id,list_name,program,list_date,basis,score", 0), 0U);
  std::vector<std::string> rows;
  while (std::getline(in, line)) rows.push_back(line);
  ASSERT_EQ(rows.size(), 3U) << out;
  EXPECT_EQ(rows[0].rfind("273337970,NEGA,ofac_sdn,37482,NEGA,RUSSIA-EO14024,2024-05-03,mmsi|callsign|name,", 0), 0U);
  EXPECT_EQ(rows[1].rfind("123456789,MAYA-1,ofac_sdn,37098,MAIA-1,", 0), 0U);
  EXPECT_NE(rows[2].find("own,own:2,OUR SHIP"), std::string::npos);
  EXPECT_NE(rows[2].find("tip from an analyst"), std::string::npos);
  // MARIA with another IMO is not reported; the own list's bad row is counted with its line.
  EXPECT_EQ(out.find("235000001"), std::string::npos);
  EXPECT_NE(err_.find("own.csv:3: bad_imo"), std::string::npos) << err_;
}

TEST_F(ScreenCli, OneIdentityAsJsonLines) {
  const std::string out = screen("--name 'M/V ANGARA' --imo 9179842 --format jsonl -q");
  const auto j = nlohmann::json::parse(out.substr(0, out.find('\n')));
  EXPECT_EQ(j["type"], "watchlist_match");
  EXPECT_EQ(j["list"]["id"], "37059");
  EXPECT_EQ(j["list"]["program"], "RUSSIA-EO14024");
  EXPECT_EQ(j["basis"], nlohmann::json::array({"imo", "name"}));
  EXPECT_GT(j["score"].get<double>(), 0.95);
  EXPECT_EQ(j["owners"][0]["name"], "M LEASING LLC");
  EXPECT_TRUE(err_.empty());
}

TEST_F(ScreenCli, RawAisInputIsRefusedWithAHint) {
  std::ofstream(dir_ / "feed.nmea") << "!AIVDM,1,1,,A,15MrVH0000KH<:V:NtBLoqFP2H9:,0*2E\n";
  const RunResult r = run_command(tidewatch_binary() + " screen -w '" + kOfac2024.string() + "' feed.nmea", dir_);
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("tidewatch tracks"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace tidewatch::test
