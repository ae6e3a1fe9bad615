#include "geo/engagement/tables.hpp"

#include <array>
#include <cmath>
#include <string>
#include <vector>

namespace hotspot {

Table engagement_table(const AreaSet& areas, const EngagementResult& r, const EngagementCovariates& cov) {
    Table t;
    t.name = "engagement";
    t.add_field("area_code", FieldType::string, "area code");
    t.add_field("area_name", FieldType::string, "area name");
    t.add_field("class_code", FieldType::string, "engagement class, C1 the largest");
    t.add_field("class_name", FieldType::string, "the class's name, from its profile");
    t.add_field("engagement", FieldType::string, "rich when the engagement index is >= 0, else poor");
    t.add_field("engage_idx", FieldType::real,
                "mean z-score of belonging, satisfaction, participation and minus fear");
    const std::array<const char*, kDomainCount> shorts{"belonging", "diversity", "fear", "satisfact", "particip"};
    const std::array<const char*, kDomainCount> se_names{"se_belong", "se_divers", "se_fear", "se_satisf", "se_partic"};
    for (size_t d = 0; d < kDomainCount; ++d) {
        const std::string name = kDomains[d];
        t.add_field(name, FieldType::real, name + " score, 0-100 (higher: more of it)",
                    name.size() > 10 ? shorts[d] : "");
    }
    for (size_t d = 0; d < kDomainCount; ++d) {
        t.add_field(se_names[d], FieldType::real, std::string("standard error of the ") + kDomains[d] + " score");
    }
    t.add_field("respondents", FieldType::integer, "survey respondents in the area", "n_resp");
    t.add_field("n_eff", FieldType::real, "Kish effective sample size");
    t.add_field("estimate", FieldType::string,
                "direct (enough respondents), composite (direct and model by precision), model "
                "(no respondent) or none");
    t.add_field("ruc11", FieldType::string, "ONS Rural-Urban Classification 2011");
    auto number = [](double v) { return std::isfinite(v) ? FieldValue(v) : FieldValue(); };
    for (size_t a = 0; a < areas.size(); ++a) {
        std::vector<FieldValue> row;
        row.emplace_back(areas.code(a));
        row.emplace_back(areas.name(a));
        const int c = r.cls[a];
        if (c >= 0) {
            const EngagementClass& ec = r.classes[static_cast<size_t>(c)];
            row.emplace_back(ec.code);
            row.emplace_back(ec.name);
            row.emplace_back(std::string(r.index[a] >= 0 ? "rich" : "poor"));
            row.emplace_back(r.index[a]);
        } else {
            row.emplace_back(FieldValue());
            row.emplace_back(std::string("not classified"));
            row.emplace_back(FieldValue());
            row.emplace_back(FieldValue());
        }
        for (size_t d = 0; d < kDomainCount; ++d) {
            row.push_back(number(r.score[a][d]));
        }
        for (size_t d = 0; d < kDomainCount; ++d) {
            row.push_back(number(r.se[a][d]));
        }
        row.emplace_back(r.respondents[a]);
        row.emplace_back(r.effective_n[a]);
        row.emplace_back(r.source[a]);
        row.emplace_back(cov.ruc_code[a]);
        t.rows.push_back(std::move(row));
        t.geometry.push_back(areas.geometry(a));
    }
    t.geos = areas.geos().get();
    t.crs = &areas.crs();
    return t;
}

Table engagement_model_inputs(const AreaSet& areas, const EngagementResult& r) {
    Table t;
    t.name = "engagement_model_inputs";
    t.add_field("area_code", FieldType::string, "area code");
    t.add_field("domain", FieldType::string, "engagement domain");
    t.add_field("direct", FieldType::real, "direct estimate (weighted mean), empty when unsampled");
    t.add_field("psi", FieldType::real, "its sampling variance");
    for (const char* name : EngagementCovariates::kNames) {
        const std::string n(name);
        t.add_field(n, FieldType::real, "covariate", n.size() > 10 ? n.substr(0, 10) : "");
    }
    constexpr size_t p = EngagementCovariates::kCount + 1;
    for (size_t d = 0; d < kDomainCount; ++d) {
        for (size_t i = 0; i < r.modelled.size(); ++i) {
            std::vector<FieldValue> row{areas.code(r.modelled[i]), std::string(kDomains[d])};
            const double y = r.direct[d][i];
            row.push_back(std::isfinite(y) ? FieldValue(y) : FieldValue());
            row.push_back(std::isfinite(y) ? FieldValue(r.sampling_variance[d][i]) : FieldValue());
            for (size_t k = 1; k < p; ++k) {
                row.emplace_back(r.design[i * p + k]);
            }
            t.rows.push_back(std::move(row));
        }
    }
    return t;
}

Table engagement_class_table(const EngagementResult& r) {
    Table t;
    t.name = "engagement_classes";
    t.add_field("class_code", FieldType::string, "engagement class");
    t.add_field("class_name", FieldType::string, "name from the profile");
    t.add_field("areas", FieldType::integer, "areas in the class");
    t.add_field("share", FieldType::real, "percentage of the classified areas");
    t.add_field("engagement", FieldType::string, "rich or poor, by the class mean's index");
    t.add_field("engage_idx", FieldType::real, "engagement index of the class mean");
    const std::array<const char*, kDomainCount> z_names{"z_belong", "z_divers", "z_fear", "z_satisf", "z_partic"};
    const std::array<const char*, kDomainCount> m_names{"m_belong", "m_divers", "m_fear", "m_satisf", "m_partic"};
    for (size_t d = 0; d < kDomainCount; ++d) {
        t.add_field(m_names[d], FieldType::real, std::string("mean ") + kDomains[d] + " score, 0-100");
    }
    for (size_t d = 0; d < kDomainCount; ++d) {
        t.add_field(z_names[d], FieldType::real, std::string("class mean of the standardised ") + kDomains[d]);
    }
    t.add_field("portrait", FieldType::string, "pen portrait");
    int64_t classified = 0;
    for (const auto& c : r.classes) {
        classified += c.areas;
    }
    for (const auto& c : r.classes) {
        std::vector<FieldValue> row{c.code, c.name, c.areas,
                                    100.0 * static_cast<double>(c.areas) / static_cast<double>(classified),
                                    std::string(c.rich ? "rich" : "poor"), c.index};
        for (size_t d = 0; d < kDomainCount; ++d) {
            row.emplace_back(c.mean_score[d]);
        }
        for (size_t d = 0; d < kDomainCount; ++d) {
            row.emplace_back(c.centre_z[d]);
        }
        row.emplace_back(c.portrait);
        t.rows.push_back(std::move(row));
    }
    return t;
}

}  // namespace hotspot
