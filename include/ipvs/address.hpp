#pragma once
/// \file address.hpp
/// IPv4/IPv6 addresses as plain values (network byte order bytes).

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ipvs {

/// Address family, with the kernel's AF_* values.
enum class Family : std::uint16_t { Unspec = 0, Inet = 2, Inet6 = 10 };

/// An IPv4 or IPv6 address. `bytes` holds the address in network byte order;
/// an IPv4 address uses bytes[0..3] and leaves the rest zero (as the kernel's
/// union nf_inet_addr does).
struct Address {
  Family family = Family::Unspec;
  std::array<std::uint8_t, 16> bytes{};

  /// IPv4 address from a host-order 32-bit value (0x0a000001 is 10.0.0.1).
  static Address v4(std::uint32_t host_order) noexcept;
  /// IPv6 address from 16 network-order bytes.
  static Address v6(const std::array<std::uint8_t, 16>& b) noexcept;
  /// Parses numeric text ("10.0.0.1", "2001:db8::1"), inet_pton rules.
  static std::optional<Address> parse(std::string_view text);

  bool is_v6() const noexcept { return family == Family::Inet6; }
  /// True for 0.0.0.0, ::, and an unset address (every byte zero).
  bool is_zero() const noexcept {
    for (std::uint8_t b : bytes) {
      if (b != 0) return false;
    }
    return true;
  }
  /// IPv4 value in host order (only meaningful for IPv4).
  std::uint32_t v4_host() const noexcept;
  /// Numeric text: dotted quad, or RFC 5952 IPv6 (inet_ntop), no brackets.
  std::string to_string() const;
  /// Longest to_string() text (an IPv6 address: INET6_ADDRSTRLEN less its NUL).
  static constexpr std::size_t kMaxTextLen = 45;
  /// Writes to_string()'s text to `out`, which holds at least kMaxTextLen
  /// bytes (no NUL is written); returns its length. Allocates nothing.
  std::size_t to_chars(char* out) const noexcept;

  friend bool operator==(const Address&, const Address&) = default;
};

}  // namespace ipvs
