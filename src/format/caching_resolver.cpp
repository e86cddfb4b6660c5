#include <map>
#include <utility>

#include "format/resolver.hpp"

namespace ipvs::format {
namespace {

class CachingResolver final : public Resolver {
 public:
  explicit CachingResolver(Resolver& inner) : inner_(inner) {}

  std::optional<std::string> host_name(const Address& addr) override {
    auto key = std::make_pair(addr.family, addr.bytes);
    auto it = hosts_.find(key);
    if (it == hosts_.end()) it = hosts_.emplace(key, inner_.host_name(addr)).first;
    return it->second;
  }

  std::optional<std::string> service_name(std::uint16_t port, Protocol proto) override {
    auto key = std::make_pair(port, proto);
    auto it = services_.find(key);
    if (it == services_.end()) it = services_.emplace(key, inner_.service_name(port, proto)).first;
    return it->second;
  }

 private:
  Resolver& inner_;
  std::map<std::pair<Family, std::array<std::uint8_t, 16>>, std::optional<std::string>> hosts_;
  std::map<std::pair<std::uint16_t, Protocol>, std::optional<std::string>> services_;
};

}  // namespace

std::unique_ptr<Resolver> make_caching_resolver(Resolver& inner) {
  return std::make_unique<CachingResolver>(inner);
}

}  // namespace ipvs::format
