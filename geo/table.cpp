#include "geo/table.hpp"

#include <stdexcept>

namespace hotspot {

void Table::add_field(std::string field, FieldType type, std::string description,
                      std::string short_name) {
    const std::string& shapefile = short_name.empty() ? field : short_name;
    if (field.empty() || shapefile.size() > 10) {
        throw std::logic_error("field name \"" + field + "\" must have 1 to 10 characters");
    }
    for (const auto& f : fields) {
        if (f.name == field || f.shapefile_name() == shapefile) {
            throw std::logic_error("field name \"" + field + "\" is used twice");
        }
    }
    fields.push_back({std::move(field), type, std::move(description), std::move(short_name)});
}

size_t Table::field_index(const std::string& field) const {
    for (size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].name == field) {
            return i;
        }
    }
    throw std::logic_error("no field \"" + field + "\" in " + this->name);
}

}  // namespace hotspot
