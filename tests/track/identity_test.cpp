// track::IdentityHistory: normalisation, run lengths, IMO check digits, MMSI
// class and flag, and identity changes confirmed by two sightings.

#include "tidewatch/track/identity.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

namespace tidewatch::track {
namespace {

using ingest::Observation;

Observation st(UnixMillis t, std::uint64_t line, std::string_view name, std::string_view callsign = "",
               std::optional<std::uint32_t> imo = std::nullopt,
               std::optional<std::uint8_t> shiptype = std::nullopt) {
  Observation o;
  o.mmsi = 219000123;
  o.time = t;
  o.kind = Observation::Kind::static_info;
  o.msg_type = 5;
  o.ref = {0, line};
  o.info.name.assign(name);
  o.info.callsign.assign(callsign);
  o.info.imo = imo;
  o.info.shiptype = shiptype;
  return o;
}

TEST(IdentityHistoryTest, DimensionsDraughtAndDestination) {
  // EVER DIADEM (gpsd sample type 5): 225 + 70 m by 1 + 31 m, draught 12.2 m.
  IdentityHistory h(351759000);
  Observation o = st(1000, 1, "EVER DIADEM");
  o.info.dimensions = {225, 70, 1, 31};
  o.info.draught = 122;
  o.info.destination.assign("NEW YORK@@");
  h.add(o);
  Observation half = st(2000, 2, "EVER DIADEM");
  half.info.dimensions = {225, 70, 0, 0};  // beam not available: no dimensions recorded
  h.add(half);
  ASSERT_EQ(h.entries(IdentityField::dimensions).size(), 1U);
  EXPECT_EQ(h.entries(IdentityField::dimensions)[0].value, "295x32");
  EXPECT_EQ(h.entries(IdentityField::dimensions)[0].count, 1U);
  ASSERT_EQ(h.entries(IdentityField::draught).size(), 1U);
  EXPECT_EQ(h.entries(IdentityField::draught)[0].value, "12.2");
  ASSERT_EQ(h.entries(IdentityField::destination).size(), 1U);
  EXPECT_EQ(h.entries(IdentityField::destination)[0].value, "NEW YORK");
}

TEST(IdentityNormalise, CutsAtPaddingTrimsCollapsesAndUppercases) {
  EXPECT_EQ(normalize_identity_text("NO.6@@@@@@BL"), "NO.6");
  EXPECT_EQ(normalize_identity_text("  nordic   sea  "), "NORDIC SEA");
  EXPECT_EQ(normalize_identity_text("@@@@@@@@"), "");
  EXPECT_EQ(normalize_identity_text("   "), "");
  EXPECT_EQ(normalize_identity_text("PEI YUH NO.6@@@@@@BL"), "PEI YUH NO.6");
  EXPECT_EQ(normalize_identity_text("a\tb"), "A B");
}

TEST(IdentityHistoryTest, RunLengthsPerField) {
  IdentityHistory h(219000123);
  h.add(st(1000, 1, "NORDIC SEA@@@", "OZ123", 9179842, 70));
  h.add(st(2000, 2, "nordic  sea", "OZ123", 9179842, 70));
  h.add(st(3000, 3, "OTHER", "OZ123"));
  h.add(st(4000, 4, "NORDIC SEA", "OZ123"));
  const auto& names = h.entries(IdentityField::name);
  ASSERT_EQ(names.size(), 3U);
  EXPECT_EQ(names[0].value, "NORDIC SEA");
  EXPECT_EQ(names[0].count, 2U);
  EXPECT_EQ(names[0].first_time, 1000);
  EXPECT_EQ(names[0].last_time, 2000);
  EXPECT_EQ(names[0].first_ref.line, 1U);
  EXPECT_EQ(names[0].last_ref.line, 2U);
  EXPECT_EQ(names[1].value, "OTHER");
  EXPECT_EQ(names[2].value, "NORDIC SEA");
  ASSERT_EQ(h.entries(IdentityField::callsign).size(), 1U);
  EXPECT_EQ(h.entries(IdentityField::callsign)[0].count, 4U);
  ASSERT_EQ(h.entries(IdentityField::shiptype).size(), 1U);
  EXPECT_EQ(h.entries(IdentityField::shiptype)[0].value, "70");
  const auto counts = h.value_counts(IdentityField::name);
  ASSERT_EQ(counts.size(), 2U);
  EXPECT_EQ(counts[0].value, "NORDIC SEA");
  EXPECT_EQ(counts[0].count, 3U);
  EXPECT_EQ(counts[1].count, 1U);
  EXPECT_EQ(h.most_frequent(IdentityField::name, std::numeric_limits<UnixMillis>::min(),
                            std::numeric_limits<UnixMillis>::max()),
            "NORDIC SEA");
  EXPECT_EQ(h.most_frequent(IdentityField::name, 2500, 3500), "OTHER");
  EXPECT_EQ(h.statics(), 4U);
  // A single "OTHER" is a bit error, not a change.
  EXPECT_TRUE(h.changes().empty());
}

TEST(IdentityHistoryTest, InvalidImoIsRememberedAsInvalid) {
  IdentityHistory h(219000123);
  h.add(st(1000, 1, "A", "", 9179842));  // ANGARA, valid
  h.add(st(2000, 2, "A", "", 9179843));  // wrong check digit
  h.add(st(3000, 3, "A", "", 9179843));
  h.add(st(4000, 4, "A", "", 0));        // not available
  const auto& imos = h.entries(IdentityField::imo);
  ASSERT_EQ(imos.size(), 2U);
  EXPECT_TRUE(imos[0].valid);
  EXPECT_EQ(imos[0].value, "9179842");
  EXPECT_FALSE(imos[1].valid);
  EXPECT_EQ(imos[1].value, "9179843");
  EXPECT_EQ(imos[1].count, 2U);
  // An invalid IMO is never most frequent and never an identity change.
  EXPECT_EQ(h.most_frequent(IdentityField::imo, 1500, 5000), "");
  EXPECT_TRUE(h.changes().empty());
}

TEST(IdentityHistoryTest, ChangeNeedsTwoSightings) {
  IdentityHistory h(219000123);
  h.add(st(1000, 1, "ALPHA", "CALL1"));
  h.add(st(2000, 2, "ALPHA", "CALL1"));  // established, no event
  h.add(st(3000, 3, "BETA", "CALL1"));   // seen once
  h.add(st(4000, 4, "ALPHA", "CALL1"));  // back: BETA was noise
  h.add(st(5000, 5, "GAMMA", "CALL2"));
  h.add(st(6000, 6, "GAMMA", "CALL2"));  // confirmed: one change, two fields
  ASSERT_EQ(h.changes().size(), 1U);
  const auto& c = h.changes()[0];
  EXPECT_EQ(c.start, 5000);
  EXPECT_EQ(c.end, 6000);
  ASSERT_EQ(c.fields.size(), 2U);
  EXPECT_EQ(c.fields[0].field, IdentityField::name);
  EXPECT_EQ(c.fields[0].before, "ALPHA");
  EXPECT_EQ(c.fields[0].after, "GAMMA");
  EXPECT_EQ(c.fields[1].field, IdentityField::callsign);
  EXPECT_EQ(c.fields[1].before, "CALL1");
  EXPECT_EQ(c.fields[1].after, "CALL2");
  ASSERT_EQ(c.evidence.size(), 3U);  // last old, first new, confirming
  EXPECT_EQ(c.evidence[1].line, 5U);
  EXPECT_EQ(c.evidence.front().line, 4U);
  EXPECT_EQ(c.evidence.back().line, 6U);
}

TEST(IdentityHistoryTest, MmsiClassAndFlag) {
  IdentityHistory ship(219000123);
  EXPECT_EQ(ship.mmsi_class(), "ship");
  EXPECT_EQ(ship.flag(), "DK");
  IdentityHistory base(2190062);
  EXPECT_EQ(base.mmsi_class(), "coast_station");
  EXPECT_EQ(base.flag(), "");  // flag only for ship, group, craft, handheld
  IdentityHistory placeholder(567000000);
  EXPECT_EQ(placeholder.mmsi_class(), "invalid");
  EXPECT_EQ(placeholder.flag(), "");
}

TEST(IdentityHistoryTest, PositionsAreIgnored) {
  IdentityHistory h(219000123);
  Observation p;
  p.kind = Observation::Kind::position;
  h.add(p);
  EXPECT_EQ(h.statics(), 0U);
  EXPECT_TRUE(h.entries(IdentityField::name).empty());
}

/// A static report from a Class B unit (type 24 part A: the name only).
Observation st_b(UnixMillis t, std::uint64_t line, std::string_view name) {
  Observation o = st(t, line, name);
  o.msg_type = 24;
  o.transponder = ingest::Transponder::class_b;
  return o;
}

Observation st_a(UnixMillis t, std::uint64_t line, std::string_view name,
                 std::string_view callsign = "") {
  Observation o = st(t, line, name, callsign);
  o.transponder = ingest::Transponder::class_a;
  return o;
}

constexpr UnixMillis kHour = 3600LL * 1000;

TEST(IdentitySharedMmsi, ClassAShipAndClassBUnitAreNeverComparedWithEachOther) {
  // One MMSI, two transmitters: a Class A ship "ALPHA" broadcasts for a day,
  // then only a Class B unit "BRAVO" is heard for two days, then ALPHA again.
  // Compared across classes this was ALPHA -> BRAVO -> ALPHA, two changes (the
  // second too late to count as flapping); per class there is none.
  IdentityHistory h(219000123);
  std::uint64_t line = 0;
  for (UnixMillis t = 0; t < 24 * kHour; t += kHour) h.add(st_a(t, ++line, "ALPHA"));
  for (UnixMillis t = 24 * kHour; t < 72 * kHour; t += kHour) h.add(st_b(t, ++line, "BRAVO"));
  for (UnixMillis t = 72 * kHour; t < 96 * kHour; t += kHour) h.add(st_a(t, ++line, "ALPHA"));
  EXPECT_TRUE(h.changes().empty());
  // The runs keep the class that broadcast them.
  const auto& names = h.entries(IdentityField::name);
  ASSERT_EQ(names.size(), 3U);
  EXPECT_EQ(names[0].transponder, ingest::Transponder::class_a);
  EXPECT_EQ(names[1].transponder, ingest::Transponder::class_b);
  EXPECT_EQ(names[1].count, 48U);
  // A rename of the Class B unit itself is still a change.
  h.add(st_b(100 * kHour, ++line, "CHARLIE"));
  h.add(st_b(101 * kHour, ++line, "CHARLIE"));
  ASSERT_EQ(h.changes().size(), 1U);
  EXPECT_EQ(h.changes()[0].fields.at(0).before, "BRAVO");
  EXPECT_EQ(h.changes()[0].fields.at(0).after, "CHARLIE");
}

TEST(IdentitySharedMmsi, EqualValueFromTheOtherClassStartsANewRun) {
  IdentityHistory h(219000123);
  h.add(st_a(1000, 1, "ALPHA"));
  h.add(st_b(2000, 2, "ALPHA"));
  h.add(st_b(3000, 3, "ALPHA"));
  ASSERT_EQ(h.entries(IdentityField::name).size(), 2U);
  EXPECT_EQ(h.entries(IdentityField::name)[1].count, 2U);
  EXPECT_EQ(h.value_counts(IdentityField::name).at(0).count, 3U);  // one value, counted once
}

TEST(IdentitySharedMmsi, SegmentShowsTheIdentityOfItsOwnTransponderClass) {
  // Over the same hours the Class A ship reports its name 6 times an hour, the
  // Class B unit twice: a Class B track is BRAVO although ALPHA is more
  // frequent in its span.
  IdentityHistory h(219000123);
  std::uint64_t line = 0;
  for (UnixMillis t = 0; t < 6 * kHour; t += 10 * 60 * 1000) {
    h.add(st_a(t, ++line, "ALPHA"));
    if (t % (30 * 60 * 1000) == 0) h.add(st_b(t + 1, ++line, "BRAVO"));
  }
  using ingest::Transponder;
  EXPECT_EQ(h.most_frequent(IdentityField::name, 0, 6 * kHour), "ALPHA");
  EXPECT_EQ(h.most_frequent(IdentityField::name, 0, 6 * kHour, Transponder::class_b), "BRAVO");
  EXPECT_EQ(segment_identity(h, IdentityField::name, kHour, 2 * kHour, Transponder::class_b), "BRAVO");
  EXPECT_EQ(segment_identity(h, IdentityField::name, kHour, 2 * kHour, Transponder::class_a), "ALPHA");
  EXPECT_EQ(segment_identity(h, IdentityField::name, kHour, 2 * kHour, Transponder::unknown), "ALPHA");
  // A Class B track long after the unit's last report: still its own class's name.
  EXPECT_EQ(segment_identity(h, IdentityField::name, 50 * kHour, 51 * kHour, Transponder::class_b), "BRAVO");
  // No static report of that class at all: every class counts.
  EXPECT_EQ(segment_identity(h, IdentityField::name, kHour, 2 * kHour, Transponder::other), "ALPHA");
  // The ship's call sign is not lent to the Class B unit, which sent none.
  h.add([&] { Observation o = st_a(7 * kHour, ++line, "ALPHA", "OZAB"); return o; }());
  EXPECT_EQ(segment_identity(h, IdentityField::callsign, kHour, 2 * kHour, Transponder::class_a), "OZAB");
  EXPECT_EQ(segment_identity(h, IdentityField::callsign, kHour, 2 * kHour, Transponder::class_b), "");
}

TEST(IdentitySharedMmsi, MajorityTransponderOfASegment) {
  std::vector<Observation> obs(5);
  for (auto& o : obs) o.transponder = ingest::Transponder::class_b;
  obs[0].transponder = ingest::Transponder::class_a;
  EXPECT_EQ(majority_transponder(obs, {0, 1, 2}), ingest::Transponder::class_b);
  EXPECT_EQ(majority_transponder(obs, {0, 1}), ingest::Transponder::unknown);  // a tie
  EXPECT_EQ(majority_transponder(obs, {0}), ingest::Transponder::class_a);
  EXPECT_EQ(majority_transponder(obs, {}), ingest::Transponder::unknown);
}

}  // namespace
}  // namespace tidewatch::track
