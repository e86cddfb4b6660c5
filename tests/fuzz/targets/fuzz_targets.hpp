#pragma once
// Fuzz entry points. Each is built twice: into a libFuzzer binary
// (tests/fuzz/main_*.cpp, clang, scripts/fuzz) and into unit_tests, which
// replays every committed corpus and regression input (tests/fuzz/...).
#include <cstddef>
#include <cstdint>

namespace ipvs::fuzz {

/// argv words separated by NUL bytes -> the command-line parser.
int cli_parser(const std::uint8_t* data, std::size_t size);
/// A whole -R input -> the rule reader and the parser, line by line.
int restore_reader(const std::uint8_t* data, std::size_t size);
/// Arbitrary bytes as a netlink datagram and as bare attribute streams ->
/// the framing parser and every IPVS decoder.
int netlink_decoder(const std::uint8_t* data, std::size_t size);
/// A /proc/net/ip_vs_conn file -> the connection-line parser and formatting.
int proc_conn(const std::uint8_t* data, std::size_t size);

}  // namespace ipvs::fuzz
