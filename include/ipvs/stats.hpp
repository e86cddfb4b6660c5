#pragma once
/// \file stats.hpp
/// Traffic counters and rate estimates of a service or real server.

#include <cstdint>

namespace ipvs {

/// Counters (since creation or the last zero) and rate estimates (per second).
/// All 64-bit: the kernel's IPVS_*_ATTR_STATS64 when it sends it, else the
/// 32-bit IPVS_*_ATTR_STATS widened.
struct Stats {
  std::uint64_t conns = 0;     ///< connections scheduled
  std::uint64_t inpkts = 0;    ///< packets in
  std::uint64_t outpkts = 0;   ///< packets out
  std::uint64_t inbytes = 0;   ///< bytes in
  std::uint64_t outbytes = 0;  ///< bytes out
  std::uint64_t cps = 0;       ///< connections per second
  std::uint64_t inpps = 0;     ///< packets in per second
  std::uint64_t outpps = 0;    ///< packets out per second
  std::uint64_t inbps = 0;     ///< bytes in per second
  std::uint64_t outbps = 0;    ///< bytes out per second

  friend bool operator==(const Stats&, const Stats&) = default;
};

}  // namespace ipvs
