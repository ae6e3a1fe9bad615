#pragma once
// The exit codes of the hotspot command, documented in the README and in --help.

namespace hotspot::cli {

enum ExitCode : int {
    kSuccess = 0,         ///< done; rejected rows do not change this
    kInternalError = 1,   ///< a bug: please report it with the command line
    kUsageError = 2,      ///< unknown option, missing or malformed argument
    kInputError = 3,      ///< unusable input: missing file, no usable columns or polygons,
                          ///< malformed configuration, unknown category
    kOutputError = 4,     ///< an output could not be written
    kWorkspaceError = 5,  ///< the workspace could not be opened, created or updated
};

inline constexpr const char* kExitCodeHelp =
    "Exit codes: 0 success (rejected rows do not change it), 1 internal error, 2 usage "
    "error, 3 unusable input, 4 output not written, 5 workspace error.";

}  // namespace hotspot::cli
