#pragma once
/// \file connection.hpp
/// One entry of the kernel's IPVS connection table, as
/// /proc/net/ip_vs_conn shows it.

#include <cstdint>
#include <string>

#include "ipvs/address.hpp"

namespace ipvs {

/// A connection (or a persistence template) of the IPVS connection table.
/// Ports are in host byte order.
struct Connection {
  std::string protocol;        ///< as the kernel prints it: "TCP", "UDP", "SCTP", ...
  Address client;
  std::uint16_t client_port = 0;
  Address virtual_addr;
  std::uint16_t virtual_port = 0;
  Address dest;
  std::uint16_t dest_port = 0;
  std::string state;           ///< "ESTABLISHED", "NONE", ...
  std::uint32_t expires = 0;   ///< seconds until the entry expires
  std::string pe_name;         ///< persistence engine; empty when the entry has no PE data
  std::string pe_data;         ///< the engine's data (e.g. a SIP Call-ID)

  friend bool operator==(const Connection&, const Connection&) = default;
};

}  // namespace ipvs
