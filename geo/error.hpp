#pragma once
// The exception hierarchy of hotspot_geo. Each type maps to one documented exit code of
// the command line (see service/cli/exit_codes.hpp), so callers never parse messages.

#include <stdexcept>
#include <string>

namespace hotspot {

/// Base of every error the library throws on purpose.
class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Input that cannot be used at all: a missing or unreadable file, a layer without the
/// columns we need, an unknown CRS. Bad rows inside usable input are not errors: they are
/// collected as rejects.
class InputError : public Error {
  public:
    using Error::Error;
};

/// An output file or layer could not be written.
class OutputError : public Error {
  public:
    using Error::Error;
};

/// The workspace store is unusable (cannot be opened, created or updated).
class WorkspaceError : public Error {
  public:
    using Error::Error;
};

/// A configuration file (column mapping, harm weights, category table) is malformed.
class ConfigError : public Error {
  public:
    using Error::Error;
};

}  // namespace hotspot
