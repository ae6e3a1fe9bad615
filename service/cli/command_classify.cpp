#include "service/cli/command_classify.hpp"

#include <cmath>
#include <cstdio>

#include "geo/crs/crs.hpp"
#include "geo/detail/parallel.hpp"
#include "geo/engagement/survey.hpp"
#include "geo/engagement/tables.hpp"
#include "geo/error.hpp"
#include "geo/io/area_reader.hpp"
#include "geo/io/layer_writer.hpp"
#include "service/cli/analysis_inputs.hpp"
#include "service/cli/exit_codes.hpp"
#include "service/cli/options.hpp"
#include "service/cli/read_summary.hpp"

namespace hotspot::cli {

EngagementSample EngagementSample::in(const std::string& data) {
    const server::SampleFiles files = server::SampleFiles::in(data);
    return {files.survey, files.survey_items, files.lsoas, files.iod_domains, files.rural_urban,
            files.population};
}

CLI::App* ClassifyCommand::setup(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand(
        "classify", "Community engagement classification: five domain scores per area from a "
                    "survey and public covariates, named classes, engagement rich or poor");
    cmd->add_option("--survey", m_survey,
                    "Survey CSV, one row per respondent: area_code (or longitude, latitude), "
                    "optional weight, one column per item (default: the bundled SYNTHETIC "
                    "Essex survey)");
    cmd->add_option("--items", m_items,
                    "Item mapping CSV: item, domain, reverse, min, max (default: the sample's)");
    cmd->add_option("--area-column", m_area_column, "The survey's area code column (default: guessed)");
    cmd->add_option("--weight-column", m_weight_column, "The survey's weight column (default: weight, if any)");
    cmd->add_option("--areas", m_areas, "LSOA polygons (default: the Essex LSOAs)");
    cmd->add_option("--iod", m_iod, "IoD2019 domain ranks, File 2 (default: the Essex rows)");
    cmd->add_option("--ruc", m_ruc, "ONS Rural-Urban Classification 2011 of LSOAs (default: Essex)");
    cmd->add_option("--population", m_population, "Population per LSOA (default: IoD2019 denominators)");
    cmd->add_option("--k", m_options.k, "Number of classes (default: chosen from --k-min..--k-max "
                                        "by the Calinski-Harabasz criterion)")
        ->check(CLI::Range(2, 50));
    cmd->add_option("--k-min", m_options.k_min, "Smallest k to try (default 4)")->check(CLI::Range(2, 50));
    cmd->add_option("--k-max", m_options.k_max, "Largest k to try (default 10)")->check(CLI::Range(2, 50));
    cmd->add_option("--starts", m_options.starts, "k-means starts; the best is kept (default 100)")
        ->check(CLI::Range(1, 100000));
    cmd->add_option("--seed", m_options.seed, "Random seed (default 2018)");
    cmd->add_option("--threads", m_options.threads, "Threads (default: all cores; results do not depend on it)")
        ->check(CLI::Range(0, 1024));
    cmd->add_option("--direct-min", m_options.direct_min_respondents,
                    "Effective respondents from which an area keeps its direct estimate (default 30)")
        ->check(positive_number());
    cmd->add_option("--far", m_options.far,
                    "Standard deviations from the mean that make a domain part of a class's name "
                    "(default 0.5)")
        ->check(positive_number());
    cmd->add_option("--transform", m_transform,
                    "Before standardising: none (default; the scores are 0-100 means, not skewed) "
                    "or ihs (inverse hyperbolic sine, as the ONS OAC for percentages)")
        ->check(CLI::IsMember({"none", "ihs"}));
    cmd->add_option("--classes", m_classes, "Where the class table goes (default: OUT's name + .classes.csv)");
    cmd->add_option("--rejects", m_rejects, "Where rejected survey rows go (default: OUT's name + .rejects.csv)");
    cmd->add_option("--model-inputs", m_model_inputs,
                    "Also write each domain's small-area model inputs (direct estimates, their "
                    "variances, the covariates), to refit the model elsewhere");
    cmd->add_flag("-q,--quiet", m_quiet, "Print only errors");
    cmd->add_option("-o,--out", m_out, "Output: .csv, .gpkg, .geojson or .shp.zip, one row per area")
        ->required();
    return cmd;
}

int ClassifyCommand::run() {
    m_options.threads = capped_threads(m_options.threads);
    const EngagementSample sample = EngagementSample::in(data_dir());
    auto pick = [](const std::string& given, const std::string& fallback) { return given.empty() ? fallback : given; };
    const std::string survey_path = pick(m_survey, sample.survey);
    const std::string items_path = pick(m_items, sample.items);
    export_format(m_out);
    const std::string rejects_path = m_rejects.empty() ? default_rejects_path(m_out) : m_rejects;
    const std::string classes_path = m_classes.empty() ? output_sibling(m_out, ".classes.csv") : m_classes;
    export_format(rejects_path);
    export_format(classes_path);
    if (!m_model_inputs.empty()) {
        export_format(m_model_inputs);
    }
    if (m_options.k_min > m_options.k_max) {
        throw InputError("--k-min " + std::to_string(m_options.k_min) + " is above --k-max " +
                         std::to_string(m_options.k_max));
    }
    m_options.ihs = m_transform == "ihs";
    ReadSummary summary(m_quiet);

    AreaReadOptions ao;
    ao.working_crs = parse_crs("EPSG:27700");
    const AreaSet areas = read_areas(pick(m_areas, sample.areas), ao);
    summary.areas(areas);
    PopulationOptions po;
    const PopulationTable population = read_population(pick(m_population, sample.population), po);
    summary.population(population);
    const EngagementCovariates covariates =
        read_engagement_covariates(areas, pick(m_iod, sample.iod), pick(m_ruc, sample.ruc), population);
    for (const auto& n : covariates.notes) {
        summary.line("note", n);
    }
    const std::vector<SurveyItem> items = read_survey_items(items_path);
    SurveyOptions so;
    if (!m_area_column.empty()) {
        so.area_column = m_area_column;
    }
    if (!m_weight_column.empty()) {
        so.weight_column = m_weight_column;
    }
    const Survey survey = read_survey(survey_path, items, areas, so);
    std::vector<char> seen(areas.size(), 0);
    int64_t sampled = 0;
    for (const uint32_t a : survey.area) {
        sampled += seen[a] ? 0 : 1;
        seen[a] = 1;
    }
    summary.line("survey", std::to_string(survey.area.size()) + " respondents in " + std::to_string(sampled) +
                               " areas, " + std::to_string(items.size()) + " items, from " + survey_path);
    if (survey.synthetic_rows > 0) {
        summary.line("SYNTHETIC", std::to_string(survey.synthetic_rows) +
                                      " rows are marked synthetic: made up by scripts/generate-survey, "
                                      "not a real survey; the classes show the method, not Essex");
    }
    write_table(survey.rejects.to_table(), rejects_path);
    summary.rejects(survey.rejects, rejects_path);

    const EngagementResult r = classify_engagement(areas, survey, covariates, m_options);
    for (const auto& n : r.notes) {
        summary.line("model", n);
    }
    if (m_options.k == 0) {
        for (const auto& k : r.k_search) {
            std::array<char, 128> buf{};
            std::snprintf(buf.data(), buf.size(), "k=%-3.0f within SS %10.1f  Calinski-Harabasz %7.1f%s", k[0], k[1],
                          k[2], static_cast<int>(k[0]) == r.k ? "  <- chosen" : "");
            summary.line("k", buf.data());
        }
    }
    for (const auto& c : r.classes) {
        summary.line(c.code.c_str(), c.name + " (" + std::to_string(c.areas) + " areas, engagement " +
                                 (c.rich ? "rich" : "poor") + ")");
    }
    Table table = engagement_table(areas, r, covariates);
    Table classes = engagement_class_table(r);
    if (survey.synthetic_rows > 0) {
        table.notes.push_back("SYNTHETIC: built from a generated survey, not a real one");
        classes.notes.push_back("SYNTHETIC: built from a generated survey, not a real one");
    }
    write_table(table, m_out);
    summary.output(table, m_out);
    write_table(classes, classes_path);
    summary.output(classes, classes_path);
    if (!m_model_inputs.empty()) {
        const Table inputs = engagement_model_inputs(areas, r);
        write_table(inputs, m_model_inputs);
        summary.output(inputs, m_model_inputs);
    }
    return kSuccess;
}

}  // namespace hotspot::cli
