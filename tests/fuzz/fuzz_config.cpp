// The JSON files a user writes: the server configuration and the column mapping. Any
// bytes are a configuration error or a configuration, never anything else.

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "geo/error.hpp"
#include "geo/io/source_mapping.hpp"
#include "service/http/config.hpp"

using namespace hotspot;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // One file per process, removed when the run ends; in memory (/dev/shm) where the
    // system has it, as writing a disk file for each input costs most of the run.
    static const struct TempFile {
        std::string path = ((std::filesystem::is_directory("/dev/shm") ? std::filesystem::path("/dev/shm")
                                                                       : std::filesystem::temp_directory_path()) /
                            ("hotspot-fuzz-config-" + std::to_string(getpid()) + ".json")).string();
        ~TempFile() { std::remove(path.c_str()); }
    } file;
    const std::string& path = file.path;
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    try {
        (void)server::ServerConfig::load(path);
    } catch (const ConfigError&) {
    }
    try {
        const SourceMapping m = load_mapping(path);
        (void)m.describe();
    } catch (const ConfigError&) {
    }
    return 0;
}
