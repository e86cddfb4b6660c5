#include "cli/usage.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "cli/values.hpp"

namespace ipvs::cli {
namespace {

// ipvsadm 1.31's usage text (an interface fact), with @P@ for argv[0] and
// @SCHEDULERS@, @PES@, @ROLES@ for the names values.hpp declares ('|'-joined).
constexpr std::string_view kUsage = R"(Usage:
  @P@ -A|E virtual-service [-s scheduler] [-p [timeout]] [-M netmask] [--pe persistence_engine] [-b sched-flags]
  @P@ -D virtual-service
  @P@ -C
  @P@ -R
  @P@ -S [-n]
  @P@ -a|e virtual-service -r server-address [options]
  @P@ -d virtual-service -r server-address
  @P@ -L|l [virtual-service] [options]
  @P@ -Z [virtual-service]
  @P@ --set tcp tcpfin udp
  @P@ --start-daemon {@ROLES@} [daemon-options]
  @P@ --stop-daemon {@ROLES@}
  @P@ -h

Commands:
Either long or short options are allowed.
  --add-service     -A        add virtual service with options
  --edit-service    -E        edit virtual service with options
  --delete-service  -D        delete virtual service
  --clear           -C        clear the whole table
  --restore         -R        restore rules from stdin
  --save            -S        save rules to stdout
  --add-server      -a        add real server with options
  --edit-server     -e        edit real server with options
  --delete-server   -d        delete real server
  --list            -L|-l     list the table
  --zero            -Z        zero counters in a service or all services
  --set tcp tcpfin udp        set connection timeout values
  --start-daemon              start connection sync daemon
  --stop-daemon               stop connection sync daemon
  --help            -h        display this help message

virtual-service:
  --tcp-service|-t  service-address   service-address is host[:port]
  --udp-service|-u  service-address   service-address is host[:port]
  --sctp-service    service-address   service-address is host[:port]
  --fwmark-service|-f fwmark          fwmark is an integer greater than zero

Options:
  --ipv6         -6                   fwmark entry uses IPv6
  --scheduler    -s scheduler         one of @SCHEDULERS@,
                                      the default scheduler is wlc.
  --pe            engine              alternate persistence engine may be @PES@,
                                      not set by default.
  --persistent   -p [timeout]         persistent service
  --netmask      -M netmask           persistent granularity mask
  --real-server  -r server-address    server-address is host (and port)
  --gatewaying   -g                   gatewaying (direct routing) (default)
  --ipip         -i                   ipip encapsulation (tunneling)
  --masquerading -m                   masquerading (NAT)
  --tun-type      type                one of ipip|gue|gre,
                                      the default tunnel type is ipip.
  --tun-port      port                tunnel destination port
  --tun-nocsum                        tunnel encapsulation without checksum
  --tun-csum                          tunnel encapsulation with checksum
  --tun-remcsum                       tunnel encapsulation with remote checksum
  --weight       -w weight            capacity of real server
  --u-threshold  -x uthreshold        upper threshold of connections
  --l-threshold  -y lthreshold        lower threshold of connections
  --connection   -c                   output of current IPVS connections
  --timeout                           output of timeout (tcp tcpfin udp)
  --daemon                            output of daemon information
  --stats                             output of statistics information
  --rate                              output of rate information
  --exact                             expand numbers (display exact values)
  --thresholds                        output of thresholds information
  --persistent-conn                   output of persistent connection info
  --tun-info                          output of tunnel information
  --nosort                            disable sorting output of service/server entries
  --sort                              does nothing, for backwards compatibility
  --ops          -o                   one-packet scheduling
  --numeric      -n                   numeric output of addresses and ports
  --sched-flags  -b flags             scheduler flags (comma-separated)
Daemon Options:
  --syncid sid                        syncid for connection sync (default=255)
  --sync-maxlen length                Max sync message length (default=1472)
  --mcast-interface interface         multicast interface for connection sync
  --mcast-group address               IPv4/IPv6 group (default=224.0.0.81)
  --mcast-port port                   UDP port (default=8848)
  --mcast-ttl ttl                     Multicast TTL (default=1)
)";

constexpr std::string_view kVersion = "ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\n";

}  // namespace

std::string version_text() { return std::string(kVersion); }

std::string usage_text(const std::string& argv0) {
  const std::array<std::pair<std::string_view, std::string>, 4> markers{{
      {"@P@", argv0},
      {"@SCHEDULERS@", join_names(kSchedulers, [](std::string_view s) { return s; }, '|')},
      {"@PES@", join_names(kPersistenceEngines, [](std::string_view s) { return s; }, '|')},
      {"@ROLES@", join_names(kDaemonRoles, [](const DaemonRole& r) { return r.name; }, '|')},
  }};
  std::string text(kVersion);
  std::string_view rest = kUsage;
  for (auto at = rest.find('@'); at != std::string_view::npos; at = rest.find('@')) {
    text.append(rest.substr(0, at));
    rest.remove_prefix(at);
    const auto m = std::find_if(markers.begin(), markers.end(),
                                 [rest](const auto& mk) { return rest.starts_with(mk.first); });
    if (m == markers.end()) {
      text.push_back('@');
      rest.remove_prefix(1);
    } else {
      text.append(m->second);
      rest.remove_prefix(m->first.size());
    }
  }
  text.append(rest);
  return text;
}

}  // namespace ipvs::cli
