#pragma once
// Short codes for categories, used to name per-category columns ("c_" + code) so that
// every column name fits the 10 characters a Shapefile allows.

#include <string>
#include <vector>

#include "geo/dictionary.hpp"

namespace hotspot {

/// One code of at most 8 characters per category, unique within the list. police.uk
/// categories get the fixed codes listed in io/police_uk.cpp; any other category a code
/// made of its letters and digits (lower case, other characters dropped), with a
/// numeric suffix where two would clash.
std::vector<std::string> category_codes(const Dictionary& categories);

}  // namespace hotspot
