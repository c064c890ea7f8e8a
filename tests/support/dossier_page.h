#pragma once
// Reading a vessel dossier page (tidewatch report) and the run files it is
// checked against: shared by the tests of pages from a run and from a store.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tidewatch::test {

/// The lines of a file, without their "\n" or "\r\n".
inline std::vector<std::string> lines_of_file(const std::filesystem::path& p) {
  std::vector<std::string> out;
  std::ifstream in(p, std::ios::binary);
  for (std::string l; std::getline(in, l);) {
    if (!l.empty() && l.back() == '\r') l.pop_back();
    out.push_back(l);
  }
  return out;
}

/// The events of `mmsi` in an events.jsonl, in file order.
inline std::vector<nlohmann::json> events_of_vessel(const std::filesystem::path& p, std::uint32_t mmsi) {
  std::vector<nlohmann::json> out;
  std::ifstream in(p);
  for (std::string l; std::getline(in, l);) {
    nlohmann::json e = nlohmann::json::parse(l);
    if (e["mmsi"].get<std::uint32_t>() == mmsi) out.push_back(e);
  }
  return out;
}

/// How often `what` occurs in `s`.
inline std::size_t count_of(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

/// The five entities the page's escaping writes, decoded.
inline std::string unescape_html(std::string_view s) {
  static const std::pair<std::string_view, char> kEntities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
  std::string o;
  for (std::size_t i = 0; i < s.size();) {
    bool hit = false;
    if (s[i] == '&') {
      for (const auto& [k, c] : kEntities) {
        if (s.substr(i, k.size()) == k) {
          o.push_back(c);
          i += k.size();
          hit = true;
          break;
        }
      }
    }
    if (!hit) o.push_back(s[i++]);
  }
  return o;
}

/// One row of a page's raw evidence lines.
struct RawRow {
  int event = 0;          ///< 1-based event number on the page
  std::string source;
  std::uint64_t line = 0;
  bool found = false;     ///< false: the page says the line was not given / not found
  std::string text;       ///< unescaped ("" when not found)
};

/// The raw-line rows of a dossier page.
inline std::vector<RawRow> raw_rows(const std::string& html) {
  std::vector<RawRow> out;
  const std::string open = "<tr class=\"raw\" data-event=\"";
  for (std::size_t p = html.find(open); p != std::string::npos; p = html.find(open, p + 1)) {
    RawRow r;
    std::size_t q = p + open.size();
    r.event = std::stoi(html.substr(q, html.find('"', q) - q));
    q = html.find("data-source=\"", q) + 13;
    r.source = unescape_html(html.substr(q, html.find('"', q) - q));
    q = html.find("data-line=\"", q) + 11;
    r.line = std::stoull(html.substr(q, html.find('"', q) - q));
    const std::size_t c = html.find("<code>", q);
    const std::size_t row_end = html.find("</tr>", q);
    if (c != std::string::npos && c < row_end) {
      r.found = true;
      r.text = unescape_html(html.substr(c + 6, html.find("</code>", c) - c - 6));
    }
    out.push_back(r);
  }
  return out;
}

/// Checks a page's raw evidence lines against the input they came from: each
/// shown line is found and equals line N of `input` (named `source`), and each
/// of `events` (the vessel's, in page order) shows its first and last evidence
/// line and at most 12 lines.
inline void expect_raw_lines_are_input_lines(const std::string& html, const std::string& source,
                                             const std::vector<std::string>& input,
                                             const std::vector<nlohmann::json>& events) {
  const std::vector<RawRow> rows = raw_rows(html);
  ASSERT_FALSE(rows.empty());
  std::set<int> with_rows;
  for (const RawRow& r : rows) {
    EXPECT_EQ(r.source, source);
    EXPECT_TRUE(r.found) << "line " << r.line;
    ASSERT_GE(r.line, 1U);
    ASSERT_LE(r.line, input.size());
    EXPECT_EQ(r.text, input[r.line - 1]) << "line " << r.line;
    with_rows.insert(r.event);
  }
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& ev = events[i]["evidence"];
    const int n = static_cast<int>(i + 1);
    EXPECT_TRUE(with_rows.count(n)) << "event " << n;
    std::set<std::uint64_t> shown;
    for (const RawRow& r : rows)
      if (r.event == n) shown.insert(r.line);
    EXPECT_TRUE(shown.count(ev.front()["line"].get<std::uint64_t>())) << "event " << n;
    EXPECT_TRUE(shown.count(ev.back()["line"].get<std::uint64_t>())) << "event " << n;
    EXPECT_LE(shown.size(), 12U);
  }
}

}  // namespace tidewatch::test
