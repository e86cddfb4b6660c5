// The value parsers take shortcuts for the common spellings (plain dotted
// quads, plain digits, no IPv6 without two ':'). These tests hold every
// shortcut to what the libc call 1.31 uses (inet_aton, strtoll, inet_pton)
// says about the same text, over generated and hand-picked inputs.
#include "cli/values.hpp"

#include <arpa/inet.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fakes/fake_names.hpp"

namespace ipvs::cli {
namespace {

std::optional<std::uint32_t> libc_aton(const std::string& s) {
  in_addr a{};
  if (inet_aton(s.c_str(), &a) == 0) return std::nullopt;
  return ntohl(a.s_addr);
}

std::optional<long long> libc_number(const std::string& s, long long lo, long long hi) {
  errno = 0;
  char* end = nullptr;
  const long long n = std::strtoll(s.c_str(), &end, 10);
  if (end == s.c_str() || *end != '\0' || errno == ERANGE || n < lo || n > hi) return std::nullopt;
  return n;
}

/// Texts made of the characters that matter to the parsers.
std::vector<std::string> generated(std::size_t count, std::string_view alphabet, std::size_t max_len) {
  std::mt19937 rng(12345);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) {
    std::string s(rng() % (max_len + 1), '\0');
    for (char& c : s) c = alphabet[rng() % alphabet.size()];
    out.push_back(std::move(s));
  }
  return out;
}

const std::vector<std::string> kAddressTexts = {
    "1.2.3.4", "0.0.0.0", "255.255.255.255", "256.1.1.1", "1.2.3.256", "01.2.3.4", "1.2.3.04",
    "010.1.1.1", "0x0a.1.1.1", "1.2.3", "1.2", "1", "1.2.3.4.", ".1.2.3.4", "1..2.3", "1.2.3.4 ",
    "1.2.3.4\tx", "1234.1.1.1", "0001.1.1.1", "1.2.3.4.5", "", "10.1.0.1", "4294967295",
    "00.0.0.0", "0.0.0.00", "1.2.3.-4", "+1.2.3.4", "1.2.3.4x",
};

TEST(Values, NetmaskAgreesWithInetAton) {
  testing::FakeNames names;
  std::vector<std::string> texts = kAddressTexts;
  for (auto& s : generated(20000, "0123456789.x ", 16)) texts.push_back(s);
  for (auto& s : generated(20000, "0123456789.", 15)) texts.push_back(s);
  for (const std::string& s : texts) {
    EXPECT_EQ(parse_v4_netmask(s, names), libc_aton(s)) << "'" << s << "'";
  }
}

TEST(Values, NumberAgreesWithStrtoll) {
  std::vector<std::string> texts = {"0", "00", "080", "65535", "65536", "-1", "+5", " 5", "5 ", "",
                                    "999999999999999999", "9999999999999999999", "1e3", "0x10"};
  for (auto& s : generated(20000, "0123456789+- x", 21)) texts.push_back(s);
  for (const std::string& s : texts) {
    EXPECT_EQ(parse_number(s, 0, 65535), libc_number(s, 0, 65535)) << "'" << s << "'";
    EXPECT_EQ(parse_number(s, -5, 4294967295LL), libc_number(s, -5, 4294967295LL)) << "'" << s << "'";
  }
}

TEST(Values, HostPortAgreesWithLibc) {
  testing::FakeNames names;
  std::vector<std::string> texts;
  for (const std::string& a : kAddressTexts) {
    texts.push_back(a);
    texts.push_back(a + ":80");
    texts.push_back(a + ":080");
    texts.push_back(a + ":65536");
    texts.push_back("[" + a + "]:80");
  }
  for (auto& s : generated(20000, "0123456789.:", 18)) texts.push_back(s);
  for (const std::string& s : texts) {
    SCOPED_TRACE("'" + s + "'");
    // What 1.31 does with the same text, spelled out with libc only.
    std::optional<std::pair<Address, std::optional<std::uint16_t>>> want;
    bool digits = !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
    if (!digits) {
      std::string host = s;
      std::optional<std::string> port;
      bool ok = true;
      if (!s.empty() && s[0] == '[') {
        const auto close = s.find(']');
        ok = close != std::string::npos && close + 1 < s.size() && s[close + 1] == ':';
        if (ok) host = s.substr(1, close - 1);
      }
      std::array<std::uint8_t, 16> b6{};
      if (ok && inet_pton(AF_INET6, host.c_str(), b6.data()) == 1) {
        if (s[0] == '[') port = s.substr(s.find(']') + 2);
        std::optional<std::uint16_t> p;
        if (port) {
          auto n = libc_number(*port, 0, 65535);
          ok = n.has_value();
          if (n) p = static_cast<std::uint16_t>(*n);
        }
        if (ok) want.emplace(Address::v6(b6), p);
      } else if (ok) {
        if (auto colon = host.rfind(':'); colon != std::string::npos) {
          port = host.substr(colon + 1);
          host.resize(colon);
        }
        auto a = libc_aton(host);
        std::optional<std::uint16_t> p;
        if (port) {
          auto n = libc_number(*port, 0, 65535);
          if (!n) a.reset();
          if (n) p = static_cast<std::uint16_t>(*n);
        }
        if (a) want.emplace(Address::v4(*a), p);
      }
    }
    const auto got = parse_host_port(s, Protocol::Tcp, names);
    ASSERT_EQ(got.has_value(), want.has_value());
    if (got) {
      EXPECT_EQ(got->address, want->first);
      EXPECT_EQ(got->port, want->second);
    }
  }
}

}  // namespace
}  // namespace ipvs::cli
