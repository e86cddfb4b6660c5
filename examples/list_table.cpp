/// list_table: prints the kernel's IPVS table, every virtual service with its
/// real servers (like `ipvsadm -Ln`, shorter), through libipvs.
///
///   list_table [NETNS]     NETNS: a name from `ip netns add`, or a path
///
/// Needs CAP_NET_ADMIN. Exit status 0, or 1 with the error on stderr.
#include <ipvs/client.hpp>

#include <cstring>
#include <iostream>
#include <string>

namespace {

std::string endpoint(const ipvs::Address& address, std::uint16_t port) {
  const std::string text = address.to_string();
  return (address.is_v6() ? "[" + text + "]" : text) + ":" + std::to_string(port);
}

std::string service_name(const ipvs::ServiceKey& key) {
  if (key.is_fwmark()) return "FWM  " + std::to_string(key.fwmark);
  switch (key.protocol) {
    case ipvs::Protocol::Tcp: return "TCP  " + endpoint(key.address, key.port);
    case ipvs::Protocol::Udp: return "UDP  " + endpoint(key.address, key.port);
    case ipvs::Protocol::Sctp: return "SCTP " + endpoint(key.address, key.port);
    default: return "?    " + endpoint(key.address, key.port);
  }
}

const char* forward_name(ipvs::Forward forward) {
  switch (forward) {
    case ipvs::Forward::Masq: return "Masq";
    case ipvs::Forward::Local: return "Local";
    case ipvs::Forward::Tunnel: return "Tunnel";
    case ipvs::Forward::Route: return "Route";
    default: return "Bypass";
  }
}

int fail(const char* what, const ipvs::Error& error) {
  std::cerr << "list_table: " << what << ": " << ipvs::op_name(error.op) << ": "
            << std::strerror(error.errnum)
            << (error.detail.empty() ? "" : " (" + error.detail + ")") << '\n';
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  ipvs::GenlOptions options;
  if (argc > 1) options.netns = argv[1];
  auto client = ipvs::Client::open(options);
  if (!client) return fail("cannot open IPVS", client.error());

  auto table = client->table();
  if (!table) return fail("cannot read the table", table.error());
  for (const ipvs::TableEntry& entry : table->services) {
    std::cout << service_name(entry.service.key) << ' ' << entry.service.scheduler << '\n';
    for (const ipvs::Destination& dest : entry.dests) {
      std::cout << "  -> " << endpoint(dest.address, dest.port) << ' ' << forward_name(dest.forward)
                << " weight " << dest.weight << " active " << dest.active_conns << " inactive "
                << dest.inactive_conns << '\n';
    }
  }
  return 0;
}
