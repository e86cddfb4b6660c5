#include "proc/conn_table.hpp"

#include <cstdlib>
#include <sstream>

namespace ipvs::proc {
namespace {

std::optional<Address> parse_addr(const std::string& text) {
  if (text.size() == 8 && text.find(':') == std::string::npos) {
    char* end = nullptr;
    const unsigned long v = std::strtoul(text.c_str(), &end, 16);
    if (*end != '\0') return std::nullopt;
    return Address::v4(static_cast<std::uint32_t>(v));
  }
  auto a = Address::parse(text);
  if (!a || !a->is_v6()) return std::nullopt;
  return a;
}

std::optional<std::uint16_t> parse_port(const std::string& text) {
  if (text.empty() || text.size() > 4) return std::nullopt;
  char* end = nullptr;
  const unsigned long v = std::strtoul(text.c_str(), &end, 16);
  if (*end != '\0') return std::nullopt;
  return static_cast<std::uint16_t>(v);
}

}  // namespace

std::optional<Connection> parse_connection_line(const std::string& line) {
  std::istringstream in(line);
  std::string f[11];
  int n = 0;
  while (n < 11 && in >> f[n]) ++n;
  if (n != 9 && n != 11) return std::nullopt;
  Connection c;
  c.protocol = f[0];
  auto ca = parse_addr(f[1]);
  auto cp = parse_port(f[2]);
  auto va = parse_addr(f[3]);
  auto vp = parse_port(f[4]);
  auto da = parse_addr(f[5]);
  auto dp = parse_port(f[6]);
  if (!ca || !cp || !va || !vp || !da || !dp) return std::nullopt;
  c.client = *ca;
  c.client_port = *cp;
  c.virtual_addr = *va;
  c.virtual_port = *vp;
  c.dest = *da;
  c.dest_port = *dp;
  c.state = f[7];
  char* end = nullptr;
  const unsigned long exp = std::strtoul(f[8].c_str(), &end, 10);
  if (*end != '\0') return std::nullopt;
  c.expires = static_cast<std::uint32_t>(exp);
  if (n == 11) {
    c.pe_name = f[9];
    c.pe_data = f[10];
  }
  return c;
}

}  // namespace ipvs::proc
