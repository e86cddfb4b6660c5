#pragma once
/// \file fields.hpp
/// The numeric output fields of services and real servers, each declared once
/// with every name it has: its JSON key, its column title in 1.31's text,
/// and its Prometheus family. The text, JSON and metrics renderers all read
/// these tables, so the three cannot drift apart.

#include <array>
#include <cstdint>
#include <string_view>

#include "ipvs/destination.hpp"
#include "ipvs/stats.hpp"

namespace ipvs::format {

/// A counter or rate estimate of ipvs::Stats.
struct StatField {
  std::string_view key;     ///< JSON key: the kernel's name, lowercased
  std::string_view title;   ///< 1.31's column title (--stats, --rate)
  std::uint64_t Stats::*member;
  /// Metric name part ("connections": node_ipvs_service_connections_total);
  /// empty for fields that have no metric.
  std::string_view metric;
  std::string_view help;    ///< what the metric counts (its # HELP, after the scope)
};

/// The five counters, in 1.31's --stats column order.
inline constexpr std::array<StatField, 5> kCounterFields = {{
    {"conns", "Conns", &Stats::conns, "connections", "connections scheduled"},
    {"inpkts", "InPkts", &Stats::inpkts, "incoming_packets", "incoming packets"},
    {"outpkts", "OutPkts", &Stats::outpkts, "outgoing_packets", "outgoing packets"},
    {"inbytes", "InBytes", &Stats::inbytes, "incoming_bytes", "incoming bytes"},
    {"outbytes", "OutBytes", &Stats::outbytes, "outgoing_bytes", "outgoing bytes"},
}};

/// The five rate estimates (per second), in 1.31's --rate column order.
inline constexpr std::array<StatField, 5> kRateFields = {{
    {"cps", "CPS", &Stats::cps, "", ""},
    {"inpps", "InPPS", &Stats::inpps, "", ""},
    {"outpps", "OutPPS", &Stats::outpps, "", ""},
    {"inbps", "InBPS", &Stats::inbps, "", ""},
    {"outbps", "OutBPS", &Stats::outbps, "", ""},
}};

/// A 32-bit setting or gauge of a real server.
struct DestField {
  std::string_view key;     ///< JSON key
  std::string_view title;   ///< 1.31's column title
  std::uint32_t Destination::*member;
  /// Metric name (node_ipvs_backend_<metric>); empty for settings without one.
  std::string_view metric;
  std::string_view help;    ///< its # HELP text
  bool absent_when_zero;    ///< a setting whose 0 means "not set" (JSON leaves it out)
};

inline constexpr DestField kWeight{"weight", "Weight", &Destination::weight, "weight",
                                   "The current backend weight by local and remote address.", false};
inline constexpr DestField kActiveConns{"active_conns", "ActiveConn", &Destination::active_conns,
                                        "connections_active",
                                        "The current active connections by local and remote address.", false};
inline constexpr DestField kInactiveConns{"inactive_conns", "InActConn", &Destination::inactive_conns,
                                          "connections_inactive",
                                          "The current inactive connections by local and remote address.", false};
inline constexpr DestField kPersistConns{"persistent_conns", "PersistConn", &Destination::persist_conns,
                                         "connections_persistent",
                                         "The current persistent connections (templates) by local and remote address.",
                                         false};
inline constexpr DestField kUThreshold{"u_threshold", "Uthreshold", &Destination::u_threshold, "", "", true};
inline constexpr DestField kLThreshold{"l_threshold", "Lthreshold", &Destination::l_threshold, "", "", true};

/// A real server's settings, in the JSON's order.
inline constexpr std::array<DestField, 3> kDestSettings = {kWeight, kUThreshold, kLThreshold};
/// A real server's connection gauges, in the JSON's order.
inline constexpr std::array<DestField, 3> kDestGauges = {kActiveConns, kInactiveConns, kPersistConns};

}  // namespace ipvs::format
