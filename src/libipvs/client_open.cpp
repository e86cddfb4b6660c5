// Client::open: the Client over the real (libnl-genl) transport.
#include <memory>
#include <utility>

#include "ipvs/client.hpp"
#include "ipvs/genl_transport.hpp"

namespace ipvs {

Result<Client> Client::open(const GenlOptions& options) {
  auto transport = open_genl_transport(options);
  if (!transport) return transport.error();
  return Client(std::move(*transport));
}

}  // namespace ipvs
