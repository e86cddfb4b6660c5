#include "cli/values.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>

namespace ipvs::cli {
namespace {

bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::optional<Address> parse_v4_host(const std::string& host, NameLookup& names) {
  in_addr a{};
  if (inet_aton(host.c_str(), &a) != 0) return Address::v4(ntohl(a.s_addr));
  return names.host_v4(host);
}

std::optional<std::uint16_t> parse_port(const std::string& text, Protocol proto, NameLookup& names) {
  if (auto n = parse_number(text, 0, 65535)) return static_cast<std::uint16_t>(*n);
  return names.service_port(text, proto);
}

}  // namespace

std::optional<long long> parse_number(std::string_view text, long long min, long long max) {
  const std::string s(text);
  errno = 0;
  char* end = nullptr;
  const long long n = std::strtoll(s.c_str(), &end, 10);
  if (end == s.c_str() || *end != '\0' || errno == ERANGE) return std::nullopt;
  if (n < min || n > max) return std::nullopt;
  return n;
}

std::optional<HostPort> parse_host_port(const std::string& text, Protocol proto, NameLookup& names) {
  if (all_digits(text)) return std::nullopt;
  std::string host = text;
  std::optional<std::string> port_text;
  if (!text.empty() && text[0] == '[') {
    const auto close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return std::nullopt;
    }
    host = text.substr(1, close - 1);
    port_text = text.substr(close + 2);
  }
  HostPort result;
  if (auto v6 = Address::parse(host); v6 && v6->is_v6()) {
    result.address = *v6;
  } else {
    // Not IPv6: 1.31 splits what is left at its last ':'. For "[10.0.0.3]:80"
    // that is "10.0.0.3", so the port after the bracket is dropped (port 0).
    port_text.reset();
    if (const auto colon = host.rfind(':'); colon != std::string::npos) {
      port_text = host.substr(colon + 1);
      host.resize(colon);
    }
    auto v4 = parse_v4_host(host, names);
    if (!v4) return std::nullopt;
    result.address = *v4;
  }
  if (port_text) {
    auto port = parse_port(*port_text, proto, names);
    if (!port) return std::nullopt;
    result.port = *port;
  }
  return result;
}

std::optional<std::uint32_t> parse_v4_netmask(const std::string& text, NameLookup& names) {
  auto a = parse_v4_host(text, names);
  if (!a) return std::nullopt;
  return a->v4_host();
}

}  // namespace ipvs::cli
