#include "ipvs/address.hpp"

#include <arpa/inet.h>

#include <array>
#include <cstring>

namespace ipvs {

Address Address::v4(std::uint32_t host_order) noexcept {
  Address a;
  a.family = Family::Inet;
  a.bytes[0] = static_cast<std::uint8_t>(host_order >> 24);
  a.bytes[1] = static_cast<std::uint8_t>(host_order >> 16);
  a.bytes[2] = static_cast<std::uint8_t>(host_order >> 8);
  a.bytes[3] = static_cast<std::uint8_t>(host_order);
  return a;
}

Address Address::v6(const std::array<std::uint8_t, 16>& b) noexcept {
  Address a;
  a.family = Family::Inet6;
  a.bytes = b;
  return a;
}

std::optional<Address> Address::parse(std::string_view text) {
  const std::string s(text);  // inet_pton needs a NUL-terminated string
  if (Address a; inet_pton(AF_INET, s.c_str(), a.bytes.data()) == 1) {
    a.family = Family::Inet;
    return a;
  }
  if (Address a; inet_pton(AF_INET6, s.c_str(), a.bytes.data()) == 1) {
    a.family = Family::Inet6;
    return a;
  }
  return std::nullopt;
}

std::uint32_t Address::v4_host() const noexcept {
  return (std::uint32_t{bytes[0]} << 24) | (std::uint32_t{bytes[1]} << 16) |
         (std::uint32_t{bytes[2]} << 8) | bytes[3];
}

namespace {

/// The decimal text of a byte, padded to 3 chars so it is copied as one
/// fixed-size move.
struct Octet {
  std::array<char, 3> text;
  std::uint8_t len;
};

constexpr std::array<Octet, 256> kOctets = [] {
  std::array<Octet, 256> t{};
  for (unsigned v = 0; v < 256; ++v) {
    Octet& o = t[v];
    if (v >= 100) o.text[o.len++] = static_cast<char>('0' + v / 100);
    if (v >= 10) o.text[o.len++] = static_cast<char>('0' + v / 10 % 10);
    o.text[o.len++] = static_cast<char>('0' + v % 10);
  }
  return t;
}();

}  // namespace

std::size_t Address::to_chars(char* out) const noexcept {
  if (family != Family::Inet6) {
    // Dotted decimal, as inet_ntop writes it, without its sprintf. Each octet
    // copies 3 chars and advances by its length (the 45 bytes of `out` hold
    // the overshoot of the last one).
    char* p = out;
    for (std::size_t i = 0; i < 4; ++i) {
      const Octet& o = kOctets[bytes[i]];
      std::memcpy(p, o.text.data(), 3);
      p += o.len;
      *p++ = '.';
    }
    return static_cast<std::size_t>(p - out) - 1;  // no '.' after the last
  }
  char buf[INET6_ADDRSTRLEN] = {};
  if (inet_ntop(AF_INET6, bytes.data(), buf, sizeof buf) == nullptr) return 0;
  const std::size_t len = std::strlen(buf);
  std::memcpy(out, buf, len);
  return len;
}

std::string Address::to_string() const {
  char buf[kMaxTextLen];
  return std::string(buf, to_chars(buf));
}

}  // namespace ipvs
