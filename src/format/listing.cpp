#include "format/listing.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <utility>

namespace ipvs::format {
namespace {

/// A sort key: compared as unsigned integers, most significant word first.
template <std::size_t N>
using Key = std::array<std::uint64_t, N>;

template <std::size_t N>
bool key_less(const Key<N>& a, const Key<N>& b) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    if (a[i] != b[i]) return a[i] < b[i];
  }
  return false;
}

/// Bytes [at, at + 8) of the address as a big-endian number: comparing it
/// compares two of its 32-bit words in network order, the first first.
std::uint64_t address_half(const Address& a, std::size_t at) noexcept {
  std::uint64_t v;
  std::memcpy(&v, a.bytes.data() + at, sizeof v);
  if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap64(v);
  return v;
}

/// fwmark, family, protocol, address words, port.
Key<4> service_key(const Service& s) noexcept {
  const ServiceKey& k = s.key;
  return {(std::uint64_t{k.fwmark} << 32) | (std::uint64_t{static_cast<std::uint16_t>(k.family)} << 16) |
              static_cast<std::uint16_t>(k.protocol),
          address_half(k.address, 0), address_half(k.address, 8), k.port};
}

/// Address words, port, family.
Key<3> dest_key(const Destination& d) noexcept {
  return {address_half(d.address, 0), address_half(d.address, 8),
          (std::uint64_t{d.port} << 16) | static_cast<std::uint16_t>(d.address.family)};
}

/// Stable sort by `key_of`, each key computed once: nothing moves when the
/// items are in order already (real servers usually are: the kernel lists
/// them in the order they were added); otherwise (key, index) pairs are
/// sorted (the index keeps it stable) and the items moved once to their place.
template <typename T, typename KeyOf>
void sort_by_key(std::vector<T>& items, KeyOf key_of) {
  using K = decltype(key_of(items.front()));
  const std::size_t n = items.size();
  if (n < 2) return;
  std::size_t i = 1;
  for (K prev = key_of(items[0]); i < n; ++i) {
    K next = key_of(items[i]);
    if (key_less(next, prev)) break;
    prev = next;
  }
  if (i == n) return;
  std::vector<std::pair<K, std::uint32_t>> keyed;
  keyed.reserve(n);
  for (std::size_t j = 0; j < n; ++j) keyed.emplace_back(key_of(items[j]), static_cast<std::uint32_t>(j));
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    return key_less(a.first, b.first) || (a.first == b.first && a.second < b.second);
  });
  std::vector<T> sorted;
  sorted.reserve(n);
  for (const auto& k : keyed) sorted.push_back(std::move(items[k.second]));
  items = std::move(sorted);
}

}  // namespace

bool service_less(const Service& a, const Service& b) noexcept { return key_less(service_key(a), service_key(b)); }

bool dest_less(const Destination& a, const Destination& b) noexcept { return key_less(dest_key(a), dest_key(b)); }

void sort_services(std::vector<Service>& services) { sort_by_key(services, service_key); }

void sort_dests(std::vector<Destination>& dests) { sort_by_key(dests, dest_key); }

}  // namespace ipvs::format
