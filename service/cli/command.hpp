#pragma once
// A subcommand of the hotspot program: setup() declares its options and opens nothing;
// run() does the work once the command line has been parsed.

#include <CLI/CLI.hpp>

namespace hotspot::cli {

class Command {
  public:
    virtual ~Command() = default;
    Command() = default;
    Command(const Command&) = delete;
    Command& operator=(const Command&) = delete;

    /// Adds the subcommand and its options to `app`; returns the subcommand.
    virtual CLI::App* setup(CLI::App& app) = 0;
    /// Runs the command; returns an exit code (see exit_codes.hpp). Throws hotspot::Error
    /// for failures that map to exit codes.
    virtual int run() = 0;
};

}  // namespace hotspot::cli
