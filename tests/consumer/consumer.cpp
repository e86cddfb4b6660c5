// A program outside the project, built against an installed libipvs
// (tests/consumer/install-test) with find_package and with pkg-config, and
// run on the host and in the lab (tests/consumer/lab-suite).
//   ipvs_consumer plan       the plan from an empty table to table(VIP 192.0.2.9); no kernel
//   ipvs_consumer add VIP    on the kernel: TCP VIP:80 (rr) and two real servers one by
//                            one, then UDP VIP:53 and its real server by plan() + apply();
//                            then lists VIP's services back
// Exit status 0, or 1 with the error on stderr.
#include <ipvs/client.hpp>
#include <ipvs/plan.hpp>

#include <cstring>
#include <iostream>
#include <string>
#include <string_view>

namespace {

ipvs::Service service(ipvs::Protocol protocol, const ipvs::Address& vip, std::uint16_t port,
                      const char* scheduler) {
  ipvs::Service s;
  s.key.protocol = protocol;
  s.key.address = vip;
  s.key.port = port;
  s.scheduler = scheduler;
  return s;
}

ipvs::Destination real(const char* address, std::uint16_t port, ipvs::Forward forward,
                       std::uint32_t weight) {
  ipvs::Destination d;
  d.address = *ipvs::Address::parse(address);
  d.port = port;
  d.forward = forward;
  d.weight = weight;
  return d;
}

int fail(const char* what, const ipvs::Error& e) {
  std::cerr << "ipvs_consumer: " << what << ": " << ipvs::op_name(e.op) << ": "
            << std::strerror(e.errnum) << '\n';
  return 1;
}

/// VIP's services and real servers as the kernel lists them.
int list(ipvs::Client& client, const ipvs::Address& vip) {
  auto services = client.services();
  if (!services) return fail("services", services.error());
  for (const ipvs::Service& s : *services) {
    if (!(s.key.address == vip)) continue;
    std::cout << (s.key.protocol == ipvs::Protocol::Tcp ? "tcp " : "udp ")
              << s.key.address.to_string() << ':' << s.key.port << ' ' << s.scheduler << '\n';
    auto dests = client.destinations(s.key);
    if (!dests) return fail("destinations", dests.error());
    for (const ipvs::Destination& d : *dests) {
      std::cout << "  " << d.address.to_string() << ':' << d.port << " weight " << d.weight << '\n';
    }
  }
  return 0;
}

int add(const ipvs::Address& vip) {
  auto client = ipvs::Client::open();
  if (!client) return fail("open", client.error());

  const ipvs::Service web = service(ipvs::Protocol::Tcp, vip, 80, "rr");
  if (auto r = client->add_service(web); !r) return fail("add", r.error());
  for (const auto& d : {real("10.30.0.1", 80, ipvs::Forward::Masq, 1),
                        real("10.30.0.2", 80, ipvs::Forward::Route, 2)}) {
    if (auto r = client->add_destination(web.key, d); !r) return fail("add", r.error());
  }

  auto current = client->table();
  if (!current) return fail("table", current.error());
  ipvs::Table desired = *current;
  desired.services.push_back({service(ipvs::Protocol::Udp, vip, 53, "wlc"),
                              {real("10.30.0.3", 53, ipvs::Forward::Masq, 3)}});
  const ipvs::ApplyReport report = client->apply(ipvs::plan(*current, desired));
  if (report.status != ipvs::ApplyReport::Status::Applied) return fail("apply", *report.error);
  return list(*client, vip);
}

int print_plan() {
  ipvs::Table desired;
  desired.services.push_back({service(ipvs::Protocol::Tcp, *ipvs::Address::parse("192.0.2.9"), 80, "rr"),
                              {real("10.30.0.1", 80, ipvs::Forward::Masq, 1)}});
  const ipvs::Plan plan = ipvs::plan(ipvs::Table{}, desired);
  std::cout << "plan: " << plan.size() << " steps\n";
  return plan.size() == 2 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string_view command = argc > 1 ? argv[1] : "";
  if (command == "plan") return print_plan();
  if (command == "add" && argc == 3) {
    if (auto vip = ipvs::Address::parse(argv[2])) return add(*vip);
  }
  std::cerr << "usage: ipvs_consumer plan | add VIP\n";
  return 2;
}
