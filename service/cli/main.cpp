// hotspot: hotspot and demand mapping for police forces. The command line dispatches to
// one Command per subcommand and turns errors into one clear line and an exit code.

#include <malloc.h>

#include <cstdio>
#include <memory>
#include <vector>

#include "geo/detail/gdal.hpp"
#include "geo/error.hpp"
#include "service/cli/command_aggregate.hpp"
#include "service/cli/command_classify.hpp"
#include "service/cli/command_dosage.hpp"
#include "service/cli/command_evaluate.hpp"
#include "service/cli/command_export.hpp"
#include "service/cli/command_hotspots.hpp"
#include "service/cli/command_ingest.hpp"
#include "service/cli/command_nearrepeat.hpp"
#include "service/cli/command_patrol.hpp"
#include "service/cli/command_places.hpp"
#include "service/cli/command_serve.hpp"
#include "service/cli/exit_codes.hpp"

namespace {

int fail(int code, const std::string& message) {
    std::fprintf(stderr, "hotspot: error: %s\n", message.c_str());
    return code;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace hotspot;
    using namespace hotspot::cli;
    // Freed blocks stay with the process for reuse: touching fresh pages costs more than
    // the work done on them when tens of millions of rows stream through.
    mallopt(M_MMAP_THRESHOLD, 512 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);

    CLI::App app{"hotspot: hotspot and demand mapping for police forces"};
    app.require_subcommand(1);
    app.footer(kExitCodeHelp);
    app.set_version_flag("--version", "hotspot 0.1.0");
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(std::make_unique<IngestCommand>());
    commands.push_back(std::make_unique<AggregateCommand>());
    commands.push_back(std::make_unique<HotspotsCommand>());
    commands.push_back(std::make_unique<ExportCommand>());
    commands.push_back(std::make_unique<ClassifyCommand>());
    commands.push_back(std::make_unique<EvaluateCommand>());
    commands.push_back(std::make_unique<PatrolCommand>());
    commands.push_back(std::make_unique<DosageCommand>());
    commands.push_back(std::make_unique<PlacesCommand>());
    commands.push_back(std::make_unique<NearRepeatCommand>());
    commands.push_back(std::make_unique<ServeCommand>());
    std::vector<std::pair<CLI::App*, Command*>> subcommands;
    for (auto& c : commands) {
        subcommands.emplace_back(c->setup(app), c.get());
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? kSuccess : kUsageError;
    }
    detail::gdal_init();
    try {
        for (auto& [sub, command] : subcommands) {
            if (sub->parsed()) {
                return command->run();
            }
        }
        return fail(kUsageError, "no command given");
    } catch (const ConfigError& e) {
        return fail(kInputError, e.what());
    } catch (const InputError& e) {
        return fail(kInputError, e.what());
    } catch (const OutputError& e) {
        return fail(kOutputError, e.what());
    } catch (const WorkspaceError& e) {
        return fail(kWorkspaceError, e.what());
    } catch (const std::exception& e) {
        return fail(kInternalError, std::string("internal error: ") + e.what() +
                                        " (please report this with the command line)");
    }
}
