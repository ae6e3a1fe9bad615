#pragma once
// Knife crime as a filter. police.uk has no knife marker, so by default knife crime is
// the categories a definition file lists ("Possession of weapons"); forces whose data
// carries a marker flag rows through their column mapping ("knife"), and flagged rows'
// categories end in " (knife)" so that the definition can take them in as well. The
// definition file is read by geo/io/knife_definition.hpp.

#include <string>
#include <vector>

#include "geo/dictionary.hpp"
#include "geo/io/knife_definition.hpp"

namespace hotspot {

/// The categories of `categories` the definition selects. Throws InputError when the
/// data holds none of them, saying what the definition looked for.
std::vector<std::string> knife_categories(const KnifeDefinition& definition,
                                          const Dictionary& categories);

}  // namespace hotspot
