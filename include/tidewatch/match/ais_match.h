#pragma once
// Matching satellite ship detections to AIS (issue 6; docs/matching.md).
//
// For each detection (imagery::Detection: time, position, optional length)
// and each AIS vessel with fixes around that time:
//   1. predict where the vessel was at the detection time: great-circle
//      interpolation between the two fixes bracketing it when they are at
//      most `max_interpolation_gap_min` apart, else dead reckoning (SOG/COG
//      along the geodesic) from the nearest fix up to
//      `max_extrapolation_min` away;
//   2. when the acquisition geometry is known (SceneGeometry, read from the
//      Sentinel-1 annotation XML or SNAP's abstracted metadata), move the
//      prediction to where SAR shows a moving ship: displaced along the
//      flight direction by  dx = -(R / V_sat) * v_r  (Raney 1971), v_r the
//      line-of-sight (range-rate) velocity, R the slant range;
//   3. gate by distance (gate_base_m + speed * |dt| * gate_speed_factor, plus
//      speed * no_geometry_shift_s when the geometry is unknown) and by length
//      (max_length_ratio, when both lengths are known);
//   4. assign globally per scene with match::assign_min_cost, component by
//      component of the gate graph; cost = distance / gate + length term.
// Detections left over are dark vessels; AIS vessels predicted inside the
// scene footprint and matched by no detection are "not detected".
//
// Units: metres, seconds, knots, degrees (WGS 84; bearings clockwise from
// true north); times Unix ms UTC.  Deterministic: the same input gives the
// same output, whatever the order of vessels.

#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tidewatch/core/reject.h"
#include "tidewatch/core/time.h"
#include "tidewatch/imagery/detection.h"

namespace tidewatch::match {

struct MatchParams {
  /// minutes; interpolate between the fixes bracketing the detection time
  /// when they are at most this far apart.  DEFAULT 60 [project]: a Class A
  /// ship reports every 2-10 s, so an hour between fixes is already a
  /// reception gap; beyond it a straight path is a guess.
  double max_interpolation_gap_min = 60.0;
  /// minutes; dead-reckon from the nearest fix at most this far from the
  /// detection time.  DEFAULT 30 [project]: OpenSARShip's AIS offsets reach
  /// 587 s (PROVENANCE.md); SOG/COG errors of a few percent grow linearly.
  double max_extrapolation_min = 30.0;
  /// metres; distance gate at |dt| = 0.  DEFAULT 300: OpenSARShip residuals
  /// after projection to the image time: median 52 m, p90 193 m, max 296 m.
  double gate_base_m = 300.0;
  /// 1; the gate grows by this fraction of the distance sailed since (or
  /// until) the fix the prediction rests on.  DEFAULT 0.1 [project]: a 3-5
  /// degree COG error or 5-10 % SOG error over the extrapolation.
  double gate_speed_factor = 0.1;
  /// seconds; with no scene geometry the gate also grows by speed * this
  /// (the largest SAR azimuth shift per m/s of ship speed: R/V_sat * sin(inc),
  /// about 90 s for Sentinel-1 IW far range).  DEFAULT 90 [project].
  double no_geometry_shift_s = 90.0;
  /// 1; both lengths known: a pair whose longer/shorter length ratio exceeds
  /// this is never matched.  DEFAULT 3.0, from GFW's RADARSAT-2 matches
  /// (docs/matching.md §5: keeps 95.2 % of the 373 reviewed matches with
  /// both lengths, rejects 2 of the 13 reviewed non-matches).
  double max_length_ratio = 3.0;
  /// 1; weight of the length term ln(ratio)/ln(max_length_ratio) in the
  /// assignment cost (the distance term is distance/gate, 0..1).  DEFAULT 0.5 [project].
  double length_weight = 0.5;
  /// metres; without a scene footprint the scene is the convex hull of its
  /// detections grown by this.  DEFAULT 5000: GFW's within_footprint_5km.
  double footprint_margin_m = 5000.0;
  /// Skip the azimuth-shift correction even when the geometry is known (evaluation).
  bool azimuth_correction = true;

  /// Milliseconds either side of a detection time within which AIS fixes can matter.
  [[nodiscard]] UnixMillis window_ms() const noexcept;
};

/// One AIS position as the matcher sees it.
struct AisFix {
  UnixMillis time = 0;
  double lat = 0, lon = 0;
  double sog_kn = std::numeric_limits<double>::quiet_NaN();   ///< NaN: not available
  double cog_deg = std::numeric_limits<double>::quiet_NaN();  ///< NaN: not available
  LineRef ref;  ///< evidence
};

struct AisVessel {
  std::uint32_t mmsi = 0;
  std::optional<double> length_m;  ///< from the static reports (bow + stern)
  std::vector<AisFix> fixes;       ///< time order
};

enum class Method : std::uint8_t { interpolated, dead_reckoned };

struct Prediction {
  double lat = 0, lon = 0;   ///< where the vessel was at t (before any SAR shift)
  double dt_s = 0;           ///< t minus the time of the nearest fix used, seconds (signed)
  double speed_kn = 0;       ///< speed used for the uncertainty
  double cog_deg = std::numeric_limits<double>::quiet_NaN();  ///< course at t, NaN unknown
  double uncertainty_m = 0;  ///< speed * |dt_s| (metres sailed since the nearest fix)
  Method method = Method::dead_reckoned;
  std::vector<LineRef> refs;  ///< the fixes it rests on (1 or 2)
};

/// The vessel's position at t, or nullopt when no fix is near enough.
std::optional<Prediction> predict_position(const AisVessel& v, UnixMillis t, const MatchParams& p);

/// Acquisition geometry of one SAR scene.
struct SceneGeometry {
  std::string scene;                   ///< product name ("" unknown)
  UnixMillis start = 0, stop = 0;      ///< first / last line, UTC ms
  double platform_heading_deg = 0;     ///< flight direction over ground, clockwise from north
  double satellite_speed_m_s = 0;      ///< |v| of the orbit state vectors at mid-scene
  double satellite_radius_m = 0;       ///< |r| from the Earth's centre at mid-scene
  bool right_looking = true;           ///< Sentinel-1, RADARSAT-2: right
  double near_incidence_deg = 0, far_incidence_deg = 0;
  double near_slant_range_m = 0, far_slant_range_m = 0;
  struct GridPoint {
    double lat = 0, lon = 0, incidence_deg = 0, slant_range_m = 0;
  };
  std::vector<GridPoint> grid;                       ///< geolocation grid, or the 4 corners
  std::vector<std::pair<double, double>> footprint;  ///< (lat, lon) polygon, closed implicitly

  /// Incidence angle and slant range at a point of the scene: inverse-distance
  /// weighting of the 4 nearest grid points (grid of 6+ points), else the
  /// cross-track fraction between the near and far edges of the corners.
  struct Local {
    double incidence_deg = 0, slant_range_m = 0;
  };
  [[nodiscard]] Local at(double lat, double lon) const;
  /// The along-track (flight-direction) displacement, metres, with which SAR
  /// shows a ship moving at sog/cog at (lat, lon): -(R/V) * v_r, with
  /// v_r = SOG * sin(COG - heading) * sin(incidence) for a right-looking
  /// radar (positive: moving away from the radar).
  [[nodiscard]] double azimuth_shift_m(double lat, double lon, double sog_kn, double cog_deg) const;
};

/// Reads a Sentinel-1 product annotation XML (<product>: orbitList,
/// geolocationGrid, productInformation/pass, platformHeading) or SNAP's
/// abstracted metadata (<Metadata><Abstracted_Metadata>: Orbit_State_Vectors,
/// corners, incidence_near/far, antenna_pointing), as OpenSARShip ships it.
/// Throws std::runtime_error naming the file when it is neither.
SceneGeometry read_scene_geometry(const std::filesystem::path& path);

/// The outer ring of a WKT POLYGON or the first polygon of a MULTIPOLYGON, as
/// (lat, lon) pairs (WKT gives lon lat); empty when the text is not one.
std::vector<std::pair<double, double>> parse_wkt_polygon(std::string_view wkt);

/// (lat, lon) moved `metres` along `azimuth_deg` on the WGS 84 geodesic.
std::pair<double, double> move_along(double lat, double lon, double azimuth_deg, double metres);
/// Geodesic distance on WGS 84, metres.
double distance_m(double lat1, double lon1, double lat2, double lon2);

/// The result for one detection.
struct DetectionMatch {
  std::size_t detection = 0;             ///< index in the input span
  std::optional<std::uint32_t> mmsi;     ///< empty: dark
  double distance_m = std::numeric_limits<double>::quiet_NaN();  ///< after correction
  double score = 0;                      ///< 0..1 (docs/matching.md §3)
  double dt_s = std::numeric_limits<double>::quiet_NaN();
  double predicted_lat = std::numeric_limits<double>::quiet_NaN();  ///< after the SAR shift
  double predicted_lon = std::numeric_limits<double>::quiet_NaN();
  double shift_m = 0;                    ///< azimuth shift applied (signed, along flight)
  double gate_m = 0;
  std::optional<double> ais_length_m;
  std::size_t candidates = 0;            ///< vessels inside the gates
  /// Dark detections: the AIS vessel predicted nearest (any distance) and how far.
  std::optional<std::uint32_t> nearest_mmsi;
  double nearest_m = std::numeric_limits<double>::quiet_NaN();
  Method method = Method::dead_reckoned;
  std::vector<LineRef> refs;             ///< AIS fixes the prediction rests on
};

/// An AIS vessel predicted inside a scene's footprint that no detection matched.
struct NotDetected {
  std::uint32_t mmsi = 0;
  std::string scene;
  UnixMillis time = 0;                   ///< the scene's time
  double lat = 0, lon = 0;               ///< predicted (after the SAR shift when known)
  double dt_s = 0;
  double speed_kn = 0;
  double nearest_detection_m = std::numeric_limits<double>::quiet_NaN();
  std::optional<double> ais_length_m;
  std::vector<LineRef> refs;
};

struct MatchOutput {
  std::vector<DetectionMatch> matches;   ///< one per detection, in input order
  std::vector<NotDetected> not_detected; ///< by (time, scene, mmsi)
  std::uint64_t scenes = 0, candidate_pairs = 0, components = 0;
  std::uint64_t scenes_with_geometry = 0;
};

/// Matches every detection.  Detections are grouped into scenes by `scene`
/// (or, with no scene, by time); each scene's geometry is the entry of
/// `geometry` with the same scene name, else the one whose [start, stop]
/// (+- 60 s) holds the detection time, else none.  A scene's footprint is the
/// geometry's, else a detection's `footprint_wkt`, else the convex hull of its
/// detections grown by footprint_margin_m.  Detections without a time (0)
/// match nothing.  `vessels` in any order.
MatchOutput match_detections(std::span<const imagery::Detection> detections,
                             std::span<const AisVessel> vessels, const MatchParams& p,
                             std::span<const SceneGeometry> geometry = {});

/// Keeps, while a pipeline streams vessels through, only the fixes within
/// window_ms() of some detection time (memory grows with the fixes near
/// detections, never with the input).
class FixWindows {
 public:
  FixWindows(std::span<const imagery::Detection> detections, const MatchParams& p);
  /// True when t is within the window of some detection.
  [[nodiscard]] bool wanted(UnixMillis t) const noexcept;
  /// Adds the vessel's wanted fixes (time order); nothing when it has none.
  void add(std::uint32_t mmsi, std::optional<double> length_m, std::span<const AisFix> fixes);
  [[nodiscard]] const std::vector<AisVessel>& vessels() const noexcept { return vessels_; }

 private:
  std::vector<std::pair<UnixMillis, UnixMillis>> windows_;  ///< merged, sorted
  std::vector<AisVessel> vessels_;
};

}  // namespace tidewatch::match
