#include "geo/aggregate/area_frame.hpp"

#include <map>

#include "geo/error.hpp"

namespace hotspot {

AreaFrame frame_of(const AreaSet& areas, const PopulationTable* population) {
    AreaFrame f;
    f.geos = areas.geos().get();
    f.crs = &areas.crs();
    size_t missing = 0;
    bool districts = population != nullptr;
    for (size_t i = 0; i < areas.size(); ++i) {
        f.codes.push_back(areas.code(i));
        f.names.push_back(areas.name(i));
        f.geometry.push_back(areas.geometry(i));
        const PopulationRecord* rec = population != nullptr ? population->find(areas.code(i)) : nullptr;
        if (rec != nullptr) {
            f.population.emplace_back(rec->population);
            districts = districts && !rec->district_code.empty();
        } else {
            f.population.emplace_back(std::nullopt);
            missing += population != nullptr ? 1 : 0;
            districts = false;
        }
    }
    if (districts) {
        for (size_t i = 0; i < areas.size(); ++i) {
            const PopulationRecord* rec = population->find(areas.code(i));
            f.district_codes.push_back(rec->district_code);
            f.district_names.push_back(rec->district_name);
        }
    }
    if (missing > 0) {
        f.notes.push_back(std::to_string(missing) + " of " + std::to_string(areas.size()) +
                          " areas are not in the population table " + population->source +
                          ": they have no rate");
    }
    return f;
}

namespace {

/// Fills the population of each group from its members.
void sum_population(const AreaFrame& small, const std::vector<uint32_t>& group_of,
                    AreaFrame& large) {
    const size_t n = large.size();
    std::vector<double> sum(n, 0.0);
    std::vector<bool> known(n, true);
    std::vector<bool> any(n, false);
    for (size_t i = 0; i < group_of.size(); ++i) {
        const uint32_t g = group_of[i];
        if (g == kNoArea) {
            continue;
        }
        any[g] = true;
        if (small.population[i]) {
            sum[g] += *small.population[i];
        } else {
            known[g] = false;
        }
    }
    large.population.clear();
    for (size_t g = 0; g < n; ++g) {
        large.population.push_back(any[g] && known[g] ? std::optional<double>(sum[g])
                                                      : std::nullopt);
    }
}

}  // namespace

Rollup rollup_by_overlap(const AreaSet& small, const AreaFrame& small_frame,
                         const AreaSet& large) {
    Rollup r;
    r.frame = frame_of(large, nullptr);
    r.group_of.assign(small.size(), kNoArea);
    GEOSContextHandle_t h = small.geos().get();
    size_t straddling = 0;
    size_t orphans = 0;
    for (size_t i = 0; i < small.size(); ++i) {
        double best = 0;
        for (size_t t = 0; t < large.size(); ++t) {
            if (!small.box(i).intersects(large.box(t))) {
                continue;
            }
            const detail::GeosGeometry overlap =
                detail::adopt(h, GEOSIntersection_r(h, small.geometry(i), large.geometry(t)));
            if (!overlap) {
                continue;  // GEOS could not intersect this pair; try the others
            }
            double area = 0;
            GEOSArea_r(h, overlap.get(), &area);
            if (area > best) {
                best = area;
                r.group_of[i] = static_cast<uint32_t>(t);
            }
        }
        if (r.group_of[i] == kNoArea) {
            ++orphans;
        } else if (best < 0.5 * small.land_area_m2(i)) {
            ++straddling;
        }
    }
    sum_population(small_frame, r.group_of, r.frame);
    r.frame.notes.push_back("rolled up " + std::to_string(small.size()) + " areas of " +
                            small.source + " into " + std::to_string(large.size()) +
                            " areas of " + large.source + " by largest overlap");
    if (straddling > 0) {
        r.frame.notes.push_back(std::to_string(straddling) +
                                " areas lie less than half inside the area they were rolled "
                                "up to");
    }
    if (orphans > 0) {
        r.frame.notes.push_back(std::to_string(orphans) +
                                " areas overlap none of the larger areas: their incidents "
                                "count as unassigned");
    }
    return r;
}

Rollup rollup_by_district(const AreaSet& small, const AreaFrame& small_frame) {
    if (!small_frame.has_districts()) {
        throw InputError("rolling up to districts needs a population table with a district "
                         "code for every area (--population)");
    }
    Rollup r;
    r.geos = std::make_unique<detail::GeosContext>();
    GEOSContextHandle_t h = r.geos->get();
    std::map<std::string, uint32_t> index;
    std::vector<std::vector<size_t>> members;
    r.group_of.assign(small.size(), kNoArea);
    for (size_t i = 0; i < small.size(); ++i) {
        const std::string& code = small_frame.district_codes[i];
        auto [it, added] = index.emplace(code, static_cast<uint32_t>(index.size()));
        if (added) {
            r.frame.codes.push_back(code);
            r.frame.names.push_back(small_frame.district_names[i]);
            members.emplace_back();
        }
        r.group_of[i] = it->second;
        members[it->second].push_back(i);
    }
    for (const auto& m : members) {
        std::vector<GEOSGeometry*> parts;
        for (const size_t i : m) {
            parts.push_back(GEOSGeom_clone_r(h, small.geometry(i)));
        }
        auto collection = detail::own(*r.geos,
                                      GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION,
                                                                  parts.data(),
                                                                  static_cast<unsigned>(parts.size())),
                                      "collect district members");
        r.owned.push_back(detail::own(*r.geos, GEOSUnaryUnion_r(h, collection.get()),
                                      "dissolve a district"));
        r.frame.geometry.push_back(r.owned.back().get());
    }
    r.frame.geos = h;
    r.frame.crs = small_frame.crs;
    sum_population(small_frame, r.group_of, r.frame);
    r.frame.notes.push_back("rolled up " + std::to_string(small.size()) + " areas into " +
                            std::to_string(r.frame.size()) + " districts");
    return r;
}

CountsCube regroup(const CountsCube& cube, const std::vector<uint32_t>& group_of,
                   size_t groups) {
    CountsCube out(groups, cube.categories(), cube.first_month(), cube.months());
    if (cube.has_keys()) {
        out.enable_keys();  // a group's records keep their keys: the sums add up
    }
    for (size_t a = 0; a <= cube.areas(); ++a) {
        const size_t target =
            a == cube.areas() || group_of[a] == kNoArea ? groups : group_of[a];
        for (size_t c = 0; c < cube.categories().size(); ++c) {
            for (Month m = cube.first_month(); m <= cube.last_month(); m = m + 1) {
                if (const uint32_t n = cube.at(a, c, m); n != 0) {
                    if (cube.has_keys()) {
                        out.add(target, c, m, n, cube.key_at(a, c, m));
                    } else {
                        out.add(target, c, m, n);
                    }
                }
            }
        }
    }
    return out;
}

}  // namespace hotspot
