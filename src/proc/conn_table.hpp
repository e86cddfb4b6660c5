#pragma once
/// \file conn_table.hpp
/// Parser of /proc/net/ip_vs_conn (and ip_vs_conn_sync) lines.

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "ipvs/address.hpp"

namespace ipvs::proc {

/// One connection entry.
struct Connection {
  std::string protocol;        ///< as the kernel prints it: "TCP", "UDP", "SCTP", ...
  Address client;
  std::uint16_t client_port = 0;
  Address virtual_addr;
  std::uint16_t virtual_port = 0;
  Address dest;
  std::uint16_t dest_port = 0;
  std::string state;           ///< "ESTABLISHED", "NONE", ...
  std::uint32_t expires = 0;   ///< seconds
  std::string pe_name;         ///< empty when the entry has no PE data
  std::string pe_data;
};

/// Parses one data line ("TCP C0A80A05 D431 0A000001 0050 C0A8010A 1F90
/// ESTABLISHED     899"); addresses are 8 hex digits (IPv4) or full IPv6
/// text. nullopt when the line does not have that shape.
std::optional<Connection> parse_connection_line(const std::string& line);

}  // namespace ipvs::proc
