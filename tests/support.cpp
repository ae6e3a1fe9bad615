#include "support.hpp"

#include <geos_c.h>

#include "geo/areas.hpp"
#include "geo/detail/geos.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace hotspot::test {
namespace {

/// Starts argv[0] with `actions`, then releases them; returns posix_spawn's result.
int spawn(const std::vector<std::string>& argv, posix_spawn_file_actions_t& actions, pid_t& pid) {
    std::vector<char*> args;
    for (const auto& a : argv) {
        args.push_back(const_cast<char*>(a.c_str()));
    }
    args.push_back(nullptr);
    const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    return rc;
}

}  // namespace

std::string data_path(const std::string& relative) {
    return std::string(HOTSPOT_SOURCE_DIR) + "/data/" + relative;
}

std::string fixture(const std::string& name) {
    return std::string(HOTSPOT_SOURCE_DIR) + "/tests/fixtures/" + name;
}

std::string hotspot_exe() { return HOTSPOT_EXE; }

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    m_dir = std::filesystem::temp_directory_path() /
            ("hotspot-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(m_dir);
    std::filesystem::create_directories(m_dir);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_dir, ec);
}

std::string TempDir::path(const std::string& name) const { return (m_dir / name).string(); }

void write_file(const std::string& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
    if (!out) {
        throw std::runtime_error("cannot write " + path);
    }
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

ProcessResult run(const std::vector<std::string>& argv) {
    std::array<int, 2> out_pipe{};
    std::array<int, 2> err_pipe{};
    if (pipe(out_pipe.data()) != 0 || pipe(err_pipe.data()) != 0) {
        throw std::runtime_error("pipe failed");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
    posix_spawn_file_actions_addclose(&actions, err_pipe[0]);
    pid_t pid = 0;
    const int rc = spawn(argv, actions, pid);
    close(out_pipe[1]);
    close(err_pipe[1]);
    if (rc != 0) {
        close(out_pipe[0]);
        close(err_pipe[0]);
        throw std::runtime_error("cannot start " + argv[0]);
    }
    ProcessResult result;
    std::array<pollfd, 2> fds{{{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}}};
    int open_fds = 2;
    std::array<char, 65536> buf{};
    while (open_fds > 0) {
        if (poll(fds.data(), fds.size(), -1) < 0) {
            break;
        }
        for (size_t i = 0; i < fds.size(); ++i) {
            if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP)) == 0) {
                continue;
            }
            const ssize_t n = read(fds[i].fd, buf.data(), buf.size());
            if (n <= 0) {
                close(fds[i].fd);
                fds[i].fd = -1;
                --open_fds;
            } else {
                (i == 0 ? result.out : result.err).append(buf.data(), static_cast<size_t>(n));
            }
        }
    }
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

int start(const std::vector<std::string>& argv) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int rc = spawn(argv, actions, pid);
    if (rc != 0) {
        throw std::runtime_error("cannot start " + argv[0]);
    }
    return pid;
}

int wait_for(int pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::vector<std::string> essex_crime_files() {
    std::vector<std::string> files;
    for (int m = 1; m <= 7; ++m) {
        files.push_back(data_path("police-uk/essex/2018-0" + std::to_string(m) +
                                  "-essex-street.csv"));
    }
    return files;
}

void add_square(AreaSet& set, const std::string& code, double x0, double size) {
    GEOSContextHandle_t h = set.geos().get();
    GEOSWKTReader* reader = GEOSWKTReader_create_r(h);
    const std::string wkt = "POLYGON((" + std::to_string(x0) + " 0," + std::to_string(x0 + size) + " 0," +
                            std::to_string(x0 + size) + " " + std::to_string(size) + "," + std::to_string(x0) + " " +
                            std::to_string(size) + "," + std::to_string(x0) + " 0))";
    GEOSGeometry* g = GEOSWKTReader_read_r(h, reader, wkt.c_str());
    GEOSWKTReader_destroy_r(h, reader);
    set.add(code, "Area " + code, detail::GeosGeometry(g, detail::GeosDeleter{h}));
}

}  // namespace hotspot::test
