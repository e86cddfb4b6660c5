#include "format/listing.hpp"

#include <algorithm>
#include <array>
#include <tuple>

namespace ipvs::format {
namespace {

/// The address as four host-order 32-bit words of its network-order bytes
/// (an IPv4 address is word 0, the rest zero, like union nf_inet_addr).
std::array<std::uint32_t, 4> words(const Address& a) noexcept {
  std::array<std::uint32_t, 4> w{};
  for (std::size_t i = 0; i < 4; ++i) {
    w[i] = (std::uint32_t{a.bytes[4 * i]} << 24) | (std::uint32_t{a.bytes[4 * i + 1]} << 16) |
           (std::uint32_t{a.bytes[4 * i + 2]} << 8) | std::uint32_t{a.bytes[4 * i + 3]};
  }
  return w;
}

}  // namespace

bool service_less(const Service& a, const Service& b) noexcept {
  const ServiceKey& x = a.key;
  const ServiceKey& y = b.key;
  return std::make_tuple(x.fwmark, static_cast<std::uint16_t>(x.family),
                         static_cast<std::uint16_t>(x.protocol), words(x.address), x.port) <
         std::make_tuple(y.fwmark, static_cast<std::uint16_t>(y.family),
                         static_cast<std::uint16_t>(y.protocol), words(y.address), y.port);
}

bool dest_less(const Destination& a, const Destination& b) noexcept {
  return std::make_tuple(words(a.address), a.port, static_cast<std::uint16_t>(a.address.family)) <
         std::make_tuple(words(b.address), b.port, static_cast<std::uint16_t>(b.address.family));
}

void sort_services(std::vector<Service>& services) {
  std::stable_sort(services.begin(), services.end(), service_less);
}

void sort_dests(std::vector<Destination>& dests) {
  std::stable_sort(dests.begin(), dests.end(), dest_less);
}

}  // namespace ipvs::format
