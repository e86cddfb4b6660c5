#include "cli/values.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>

namespace ipvs::cli {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), is_digit); }

/// The common case of inet_aton at the start of `s`, without a copy: four
/// decimal parts of 1-3 digits, none with a leading zero, each <= 255; `i`
/// is left after the last digit. Anything else (octal, hex, fewer parts,
/// ...) is left to inet_aton.
std::optional<std::uint32_t> leading_dotted_quad(std::string_view s, std::size_t& i) {
  std::uint32_t value = 0;
  i = 0;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (i >= s.size() || s[i] != '.') return std::nullopt;
      ++i;
    }
    const std::size_t start = i;
    unsigned n = 0;
    while (i < s.size() && is_digit(s[i]) && i - start < 3) n = n * 10 + static_cast<unsigned>(s[i++] - '0');
    const std::size_t len = i - start;
    if (len == 0 || n > 255 || (len > 1 && s[start] == '0')) return std::nullopt;
    value = (value << 8) | n;
  }
  return value;
}

/// A plain dotted quad and nothing else (see leading_dotted_quad).
std::optional<std::uint32_t> plain_dotted_quad(std::string_view s) {
  std::size_t end = 0;
  const auto v = leading_dotted_quad(s, end);
  if (!v || end != s.size()) return std::nullopt;
  return v;
}

/// The common -R case "a.b.c.d" or "a.b.c.d:port" (plain dotted quad, port
/// of 1-5 plain digits <= 65535), which the general path below reads the
/// same way: one ':' at most, so not IPv6, split at it. nullopt otherwise.
std::optional<HostPort> plain_v4_host_port(std::string_view text) {
  std::size_t end = 0;
  const auto v = leading_dotted_quad(text, end);
  if (!v) return std::nullopt;
  HostPort hp;
  hp.address = Address::v4(*v);
  if (end == text.size()) return hp;
  const std::string_view port = text.substr(end + 1);
  if (text[end] != ':' || port.empty() || port.size() > 5 || !all_digits(port)) return std::nullopt;
  unsigned n = 0;
  for (char c : port) n = n * 10 + static_cast<unsigned>(c - '0');
  if (n > 65535) return std::nullopt;
  hp.port = static_cast<std::uint16_t>(n);
  return hp;
}

std::optional<Address> parse_v4_host(std::string_view host, NameLookup& names) {
  if (auto v = plain_dotted_quad(host)) return Address::v4(*v);
  const std::string s(host);
  in_addr a{};
  if (inet_aton(s.c_str(), &a) != 0) return Address::v4(ntohl(a.s_addr));
  return names.host_v4(s);
}

std::optional<std::uint16_t> parse_port(std::string_view text, Protocol proto, NameLookup& names) {
  if (auto n = parse_number(text, 0, 65535)) return static_cast<std::uint16_t>(*n);
  return names.service_port(std::string(text), proto);
}

}  // namespace

std::optional<long long> parse_number(std::string_view text, long long min, long long max) {
  long long n = 0;
  if (text.size() <= 18 && all_digits(text)) {
    // Plain digits: what strtoll would give, without the copy.
    for (char c : text) n = n * 10 + (c - '0');
  } else {
    const std::string s(text);
    errno = 0;
    char* end = nullptr;
    n = std::strtoll(s.c_str(), &end, 10);
    if (end == s.c_str() || *end != '\0' || errno == ERANGE) return std::nullopt;
  }
  if (n < min || n > max) return std::nullopt;
  return n;
}

int parse_atoi(std::string_view text) {
  const std::string s(text.substr(0, text.find('\0')));
  return static_cast<int>(std::strtol(s.c_str(), nullptr, 10));
}

std::optional<HostPort> parse_host_port(std::string_view text, Protocol proto, NameLookup& names) {
  if (auto plain = plain_v4_host_port(text)) return plain;
  if (all_digits(text)) return std::nullopt;
  std::string_view host = text;
  std::optional<std::string_view> port_text;
  if (!text.empty() && text[0] == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return std::nullopt;
    }
    host = text.substr(1, close - 1);
    port_text = text.substr(close + 2);
  }
  HostPort result;
  // An IPv6 address has at least two ':'; with fewer, inet_pton would refuse it.
  std::optional<Address> v6;
  if (std::count(host.begin(), host.end(), ':') >= 2) v6 = Address::parse(host);
  if (v6 && v6->is_v6()) {
    result.address = *v6;
  } else {
    // Not IPv6: 1.31 splits what is left at its last ':'. For "[10.0.0.3]:80"
    // that is "10.0.0.3", so the port after the bracket is dropped (port 0).
    port_text.reset();
    if (const auto colon = host.rfind(':'); colon != std::string_view::npos) {
      port_text = host.substr(colon + 1);
      host = host.substr(0, colon);
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

std::optional<std::uint32_t> parse_v4_netmask(std::string_view text, NameLookup& names) {
  auto a = parse_v4_host(text, names);
  if (!a) return std::nullopt;
  return a->v4_host();
}

}  // namespace ipvs::cli
