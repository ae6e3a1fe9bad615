#pragma once
// Statistical disclosure control for public counts: the cell key method, as the ONS
// used for the 2021 Census tables and the ABS uses in TableBuilder.
//
// Every incident carries a record key: 32 bits from a keyed hash (SipHash-2-4) of the
// server's secret and the incident's content (its point, month and category), so the
// same incident has the same key in every load, and nobody without the secret can
// compute it. A published cell (any count of incidents: an area over a period, one
// category in one month, a ward) has a cell key, the sum of its records' keys modulo
// 2^32; the perturbation table turns (count, cell key) into the noise added. The same
// records always give the same cell key, so asking for the same cell again returns the
// same protected count and repeated requests cannot average the noise away.
//
// The table (kPerturbation): a count n >= 1 moves by -2 .. +2 with probabilities
// 10 %, 20 %, 40 %, 20 %, 10 %, and never below 1; 0 stays 0 (no records, nothing to
// protect). The mean absolute change is 0.8 for counts of 3 or more, within the 1 per
// cell the map can afford; the spread is as wide as that allows, because the
// difference of two published cells (the differencing attack) then names a hidden
// count no more often than guessing "1" would. Public views then show protected counts
// below the threshold (suppress_below, 3) as "fewer than 3".

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace hotspot::disclosure {

/// The server's secret: 128 bits, the key of the record-key hash.
struct Secret {
    uint64_t k0 = 0;
    uint64_t k1 = 0;

    /// 32 hexadecimal digits. Throws InputError for anything else.
    static Secret from_hex(std::string_view hex);
    [[nodiscard]] std::string to_hex() const;
    /// 128 bits from the operating system's random source.
    static Secret generate();
    /// The secret kept in `path`, made there (readable by its owner only) when the file
    /// does not exist yet. Throws InputError naming the file when it cannot be read or
    /// made, or does not hold a secret.
    static Secret load_or_create(const std::string& path);
};

/// SipHash-2-4 of `bytes` under `secret` (Aumasson and Bernstein 2012).
uint64_t siphash(const Secret& secret, std::string_view bytes);

/// The record key of an incident, from its category's hash (category_hash()), its
/// month and its point in the working CRS (rounded to the millimetre).
uint32_t record_key(const Secret& secret, uint64_t category_hash, int32_t month, double x, double y);
/// The hash of a category name, computed once per category and passed to record_key().
uint64_t category_hash(const Secret& secret, std::string_view category);

/// Noise for d = -2, -1, 0, +1, +2, in that order, as probabilities.
inline constexpr std::array<double, 5> kPerturbation{0.10, 0.20, 0.40, 0.20, 0.10};

/// The noise the table gives a cell of `count` records whose keys sum to `cell_key`
/// (modulo 2^32): the cell key, read as a number in [0, 1), picks a place on the
/// table's cumulative distribution.
int noise(int64_t count, uint32_t cell_key);

/// The protected count of a cell: count + noise, never below 1 when count >= 1; 0 stays 0.
int64_t protect(int64_t count, uint32_t cell_key);

/// A cell as it is summed: its records and its cell key (their keys' sum modulo 2^32).
struct CellSum {
    int64_t n = 0;
    uint32_t key = 0;
    void add(int64_t records, uint32_t keys) {
        n += records;
        key += keys;  // modulo 2^32
    }
    [[nodiscard]] int64_t protected_count() const { return protect(n, key); }
};

}  // namespace hotspot::disclosure
