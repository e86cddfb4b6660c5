#pragma once
/// \file conn_table.hpp
/// Parser of /proc/net/ip_vs_conn (and ip_vs_conn_sync) lines.

#include <optional>
#include <string>

#include "ipvs/connection.hpp"

namespace ipvs::proc {

/// Parses one data line ("TCP C0A80A05 D431 0A000001 0050 C0A8010A 1F90
/// ESTABLISHED     899"); addresses are 8 hex digits (IPv4) or full IPv6
/// text. nullopt when the line does not have that shape.
std::optional<Connection> parse_connection_line(const std::string& line);

}  // namespace ipvs::proc
