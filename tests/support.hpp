#pragma once
// Helpers shared by the tests: temporary folders, files, the sample data and running the
// hotspot program.

#include <filesystem>
#include <string>
#include <vector>

namespace hotspot {
class AreaSet;
}

namespace hotspot::test {

/// Adds a square area `code` of side `size` with its south-west corner at (x0, 0).
void add_square(AreaSet& set, const std::string& code, double x0, double size = 10);

/// The repository's data/ folder (the bundled sample).
std::string data_path(const std::string& relative);
/// tests/fixtures/<name>.
std::string fixture(const std::string& name);
/// The hotspot executable under test.
std::string hotspot_exe();

/// A folder that is removed with everything in it when the object goes.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] std::string path(const std::string& name) const;
    [[nodiscard]] const std::filesystem::path& dir() const { return m_dir; }

  private:
    std::filesystem::path m_dir;
};

void write_file(const std::string& path, const std::string& content);
std::string read_file(const std::string& path);

/// What a finished process did.
struct ProcessResult {
    int exit_code = -1;  ///< or 128 + signal number
    std::string out;
    std::string err;
};

/// Runs a program with arguments (no shell), capturing stdout and stderr.
ProcessResult run(const std::vector<std::string>& argv);

/// Starts a program with its output discarded; returns its process id.
int start(const std::vector<std::string>& argv);
/// Waits for a started process; returns its exit code (128 + signal when killed).
int wait_for(int pid);

/// The seven Essex street-crime CSVs.
std::vector<std::string> essex_crime_files();

/// The police.uk snake_case header of the sample files.
inline constexpr const char* kSnakeHeader =
    "crime_id,month,reported_by,falls_within,longitude,latitude,location,lsoa_code,lsoa_name,"
    "crime_type,last_outcome_category,context";
/// The header data.police.uk publishes.
inline constexpr const char* kPublishedHeader =
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
    "Crime type,Last outcome category,Context";

}  // namespace hotspot::test
