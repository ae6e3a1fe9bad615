#pragma once
// Knife crime as a filter. police.uk has no knife marker, so by default knife crime is
// the categories a definition file lists ("Possession of weapons"); forces whose data
// carries a marker flag rows through their column mapping ("knife"), and flagged rows'
// categories end in " (knife)" so that the definition can take them in as well.

#include <string>
#include <vector>

#include "geo/dictionary.hpp"

namespace hotspot {

struct KnifeDefinition {
    std::string name = "knife crime";
    std::vector<std::string> categories;  ///< whole categories counted as knife crime
    bool include_marked = true;           ///< also every category marked " (knife)"
    std::string source;
};

/// Reads a definition (JSON: name, categories, include_marked; see
/// data/knife-crime.json). Throws ConfigError naming the file and key at fault.
KnifeDefinition load_knife_definition(const std::string& path);

/// The categories of `categories` the definition selects. Throws InputError when the
/// data holds none of them, saying what the definition looked for.
std::vector<std::string> knife_categories(const KnifeDefinition& definition,
                                          const Dictionary& categories);

}  // namespace hotspot
