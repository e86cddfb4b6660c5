/// apply_rules: makes the kernel's IPVS table hold two example services (a web
/// service on 192.0.2.1:80 with two real servers, DNS on 192.0.2.1:53), changing
/// only what differs: ipvs::plan() from the current table to the desired one,
/// then Client::apply() (all or nothing), and prints what was done. Services
/// other than these two are kept as they are.
///
///   apply_rules [--dry-run]
///
/// Needs CAP_NET_ADMIN. Exit status 0 when applied, 1 otherwise.
#include <ipvs/client.hpp>
#include <ipvs/plan.hpp>

#include <algorithm>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>

namespace {

ipvs::TableEntry service(ipvs::Protocol protocol, const char* vip, std::uint16_t port,
                         const char* scheduler) {
  ipvs::TableEntry entry;
  entry.service.key.protocol = protocol;
  entry.service.key.family = ipvs::Family::Inet;
  entry.service.key.address = *ipvs::Address::parse(vip);
  entry.service.key.port = port;
  entry.service.scheduler = scheduler;
  return entry;
}

ipvs::Destination real_server(const char* address, std::uint16_t port, std::uint32_t weight) {
  ipvs::Destination dest;
  dest.address = *ipvs::Address::parse(address);
  dest.port = port;
  dest.forward = ipvs::Forward::Masq;
  dest.weight = weight;
  return dest;
}

/// The services this program manages.
std::vector<ipvs::TableEntry> wanted() {
  ipvs::TableEntry web = service(ipvs::Protocol::Tcp, "192.0.2.1", 80, "wrr");
  web.dests = {real_server("10.0.0.1", 8080, 3), real_server("10.0.0.2", 8080, 1)};
  ipvs::TableEntry dns = service(ipvs::Protocol::Udp, "192.0.2.1", 53, "rr");
  dns.dests = {real_server("10.0.0.1", 53, 1)};
  return {web, dns};
}

std::string describe(const ipvs::PlanStep& step) {
  static constexpr const char* kKinds[] = {"add service",  "edit service",   "delete service",
                                           "add server",   "edit server",    "delete server"};
  const ipvs::ServiceKey& key = step.service.key;
  std::string text = kKinds[static_cast<int>(step.kind)];
  text += ' ' + key.address.to_string() + ':' + std::to_string(key.port);
  if (step.kind >= ipvs::PlanStep::Kind::AddDest) {
    text += " -> " + step.dest.address.to_string() + ':' + std::to_string(step.dest.port);
  }
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  const bool dry_run = argc > 1 && std::string_view(argv[1]) == "--dry-run";
  auto client = ipvs::Client::open();
  if (!client) {
    std::cerr << "apply_rules: cannot open IPVS: " << std::strerror(client.error().errnum) << '\n';
    return 1;
  }
  auto current = client->table();
  if (!current) {
    std::cerr << "apply_rules: cannot read the table: " << std::strerror(current.error().errnum) << '\n';
    return 1;
  }

  // Desired: the current table, with our services as wanted() says.
  ipvs::Table desired = *current;
  for (const ipvs::TableEntry& ours : wanted()) {
    std::erase_if(desired.services, [&](const ipvs::TableEntry& e) {
      return ipvs::service_identity(e.service.key) == ipvs::service_identity(ours.service.key);
    });
    desired.services.push_back(ours);
  }

  const ipvs::Plan plan = ipvs::plan(*current, desired);
  for (const ipvs::PlanStep& step : plan.steps) std::cout << describe(step) << '\n';
  if (dry_run) return 0;

  const ipvs::ApplyReport report = client->apply(plan);
  if (report.status == ipvs::ApplyReport::Status::Applied) {
    std::cout << "applied " << plan.size() << " step(s)\n";
    return 0;
  }
  std::cout << "step " << *report.failed_step + 1 << " failed: " << std::strerror(report.error->errnum)
            << (report.status == ipvs::ApplyReport::Status::RolledBack ? "; rolled back\n"
                                                                       : "; rollback failed too\n");
  return 1;
}
