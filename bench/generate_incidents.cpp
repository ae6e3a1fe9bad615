// Writes a large police.uk street-level CSV for the benchmark, made from the real Essex
// sample: each output row is a sample row (taken in turn) whose coordinates are moved by
// up to `jitter` degrees, so that the points spread like real crime does but are all
// distinct. Rows without coordinates stay without them. The output is never committed.
//
//   generate_incidents ROWS JITTER_DEGREES OUT.csv SAMPLE.csv...
//   generate_incidents --within LON0,LAT0,LON1,LAT1 ROWS JITTER_DEGREES OUT.csv SAMPLE.csv...
//
// --within keeps only sample rows whose point lies in the box (and drops rows without
// coordinates), for surfaces over one area.

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "geo/io/csv_tokenizer.hpp"

int main(int argc, char** argv) {
    double box[4] = {-180, -90, 180, 90};
    bool within = false;
    if (argc > 2 && std::string(argv[1]) == "--within") {
        within = std::sscanf(argv[2], "%lf,%lf,%lf,%lf", &box[0], &box[1], &box[2], &box[3]) == 4;
        if (!within) {
            std::fprintf(stderr, "generate_incidents: --within wants LON0,LAT0,LON1,LAT1\n");
            return 2;
        }
        argv += 2;
        argc -= 2;
    }
    if (argc < 5) {
        std::fprintf(stderr, "usage: generate_incidents ROWS JITTER_DEGREES OUT.csv SAMPLE.csv...\n");
        return 2;
    }
    const long long rows = std::atoll(argv[1]);
    const double jitter = std::atof(argv[2]);
    std::string header;
    std::vector<std::vector<std::string>> sample;
    for (int a = 4; a < argc; ++a) {
        std::ifstream in(argv[a], std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        const std::string s = text.str();
        hotspot::CsvTokenizer tokenizer;
        const char* p = s.data() + hotspot::skip_utf8_bom(s);
        int64_t lines = 0;
        bool first = true;
        while (tokenizer.next(p, s.data() + s.size(), true, lines) == hotspot::CsvStatus::record) {
            std::vector<std::string> fields(tokenizer.fields().begin(), tokenizer.fields().end());
            if (first) {
                first = false;
                if (header.empty()) {
                    for (const auto& f : fields) {
                        header += header.empty() ? "" : ",";
                        header += f;
                    }
                }
                continue;
            }
            if (within) {
                if (fields.size() < 6 || fields[4].empty() || fields[5].empty()) {
                    continue;
                }
                const double lon = std::strtod(fields[4].c_str(), nullptr);
                const double lat = std::strtod(fields[5].c_str(), nullptr);
                if (lon < box[0] || lat < box[1] || lon > box[2] || lat > box[3]) {
                    continue;
                }
            }
            sample.push_back(std::move(fields));
        }
    }
    if (sample.empty()) {
        std::fprintf(stderr, "generate_incidents: no sample rows\n");
        return 1;
    }
    std::FILE* out = std::fopen(argv[3], "wb");
    if (out == nullptr) {
        std::perror(argv[3]);
        return 1;
    }
    std::setvbuf(out, nullptr, _IOFBF, 1 << 22);
    std::fprintf(out, "%s\r\n", header.c_str());
    std::mt19937_64 rng(20180101);
    std::uniform_real_distribution<double> shift(-jitter, jitter);
    std::string line;
    char number[32];
    for (long long i = 0; i < rows; ++i) {
        const auto& r = sample[static_cast<size_t>(i) % sample.size()];
        line.clear();
        for (size_t f = 0; f < r.size(); ++f) {
            if (f > 0) {
                line += ',';
            }
            if ((f == 4 || f == 5) && !r[4].empty() && !r[5].empty()) {
                const double v = std::strtod(r[f].c_str(), nullptr) + shift(rng);
                std::snprintf(number, sizeof number, "%.6f", v);
                line += number;
            } else if (r[f].find_first_of(",\"") != std::string::npos) {
                line += '"';
                for (const char c : r[f]) {
                    line += c == '"' ? std::string("\"\"") : std::string(1, c);
                }
                line += '"';
            } else {
                line += r[f];
            }
        }
        line += "\r\n";
        std::fwrite(line.data(), 1, line.size(), out);
    }
    return std::fclose(out) == 0 ? 0 : 1;
}
