#pragma once
// The patrol plan as a document to print and hand out at the start of a shift.

#include <string>

#include "service/analysis/patrol_plan.hpp"

namespace hotspot::report {

using server::PatrolResult;

/// A printable HTML briefing: one A4 page per team with a sketch of its places, the
/// places with harm, visits and minutes, and its visit times by day. A place's harm and
/// incidents are left out when it holds fewer than `hide_below` incidents (small counts
/// for the public, as on the map).
std::string patrol_briefing(const PatrolResult& result, int hide_below = 0, bool coarse = false);

}  // namespace hotspot::report
