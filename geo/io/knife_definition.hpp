#pragma once
// The knife crime definition file (data/knife-crime.json): which categories count as
// knife crime, and whether categories a force's data marks " (knife)" do too.

#include <string>
#include <vector>

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

}  // namespace hotspot
