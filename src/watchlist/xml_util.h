#pragma once
// pugixml helpers shared by the XML list readers (src/watchlist/*.cpp only).

#include <pugixml.hpp>

#include <cstring>
#include <string>

#include "text_util.h"

namespace tidewatch::watchlist {

/// The local part of an element name ("e:entity" -> "entity").
inline const char* local_name(const pugi::xml_node& n) {
  const char* s = n.name();
  const char* colon = std::strrchr(s, ':');
  return colon ? colon + 1 : s;
}

/// Calls f(c) for each child element c of `n` whose local name is `name`.
template <typename F>
void for_children(const pugi::xml_node& n, const char* name, F&& f) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && std::strcmp(local_name(c), name) == 0) f(c);
}

/// The trimmed text of the first child element named exactly `name`.
inline std::string child_text(const pugi::xml_node& n, const char* name) {
  return trimmed(n.child(name).text().as_string());
}

}  // namespace tidewatch::watchlist
