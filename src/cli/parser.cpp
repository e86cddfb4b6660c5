#include "cli/parser.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <optional>

#include <fmt/format.h>

#include "cli/scanner.hpp"
#include "cli/usage.hpp"
#include "format/names.hpp"

namespace ipvs::cli {
namespace {

constexpr long long kMaxTimeout = 2678400;   // 31 days, 1.31's MAX_TIMEOUT
constexpr std::uint32_t kDefaultPersistence = 360;
constexpr long long kIntMax = 2147483647;
/// 1.31 copies the -b list into a 128-byte buffer before reading it.
constexpr std::size_t kSchedFlagsMax = 127;

/// Thrown inside this file only, for 1.31's fail(): stops parsing at once.
struct Fail {
  int code;
  std::string text;
};

[[noreturn]] void fail(std::string message) { throw Fail{2, std::move(message) + "\n"}; }

/// A decimal value within [lo, hi], or 1.31's fail(message).
template <typename T>
T bounded(std::string_view value, long long lo, long long hi, const char* message) {
  auto n = parse_number(value, lo, hi);
  if (!n) fail(message);
  return static_cast<T>(*n);
}

/// Parses one command line, mirroring the state 1.31 keeps while it reads
/// options in order (the service's protocol and family so far matter to -r
/// and -M).
class LineParser {
 public:
  LineParser(std::span<const std::string> argv, NameLookup& names, bool in_restore)
      : argv0_(argv.empty() ? std::string("ipvsadm") : argv[0]),
        args_(argv.empty() ? argv : argv.subspan(1)),
        names_(names),
        in_restore_(in_restore) {
    req_.dest.weight = 1;
    req_.dest.forward = Forward::Route;
    req_.service.scheduler.clear();
    req_.service.netmask = 0xffffffffu;
    req_.service.key.protocol = Protocol::Unspec;
  }

  ParseOutcome run() {
    try {
      return parse();
    } catch (Fail& f) {
      ParseOutcome out;
      out.kind = ParseOutcome::Kind::Exit;
      out.code = f.code;
      out.text = std::move(f.text);
      return out;
    }
  }

 private:
  ParseOutcome parse();
  bool first_option(Scanner& scanner, ParseOutcome& early);
  void option(const ScanItem& item);
  void post_checks();
  void mark(OptGroup g);
  bool given(OptGroup g) const { return req_.given.test(static_cast<std::size_t>(g)); }
  void parse_sched_flags();
  void leading_options();
  void check_tunnel();
  void check_list();

  ParseOutcome exit_try_help() {
    ParseOutcome out;
    out.kind = ParseOutcome::Kind::Exit;
    out.code = 255;
    out.text = try_help_text(argv0_);
    return out;
  }

  std::string argv0_;
  std::span<const std::string> args_;
  NameLookup& names_;
  bool in_restore_;
  Request req_;
  std::optional<std::string_view> sched_flags_arg_;
};

void LineParser::mark(OptGroup g) {
  const auto i = static_cast<std::size_t>(g);
  if (req_.given.test(i)) fail(fmt::format("multiple '{}' options specified", group_name(g)));
  req_.given.set(i);
}

bool LineParser::first_option(Scanner& scanner, ParseOutcome& early) {
  ScanItem item = scanner.next();
  if (item.kind != ScanItem::Kind::Option) {
    early = exit_try_help();
    return false;
  }
  const Opt id = item.spec->id;
  if (id == Opt::Help) {
    early.kind = ParseOutcome::Kind::Print;
    early.text = usage_text(argv0_);
    return false;
  }
  if (id == Opt::Version) {
    early.kind = ParseOutcome::Kind::Print;
    early.text = version_text();
    return false;
  }
  const std::optional<Command> cmd = item.spec->command;
  if (!cmd || ((*cmd == Command::Restore || *cmd == Command::Apply) && in_restore_)) {
    early = exit_try_help();
    return false;
  }
  req_.command = *cmd;
  if (*cmd == Command::Apply) req_.apply_file = std::string(*item.value);
  if (*cmd == Command::StartDaemon || *cmd == Command::StopDaemon) {
    const std::string_view v = *item.value;
    const auto role = std::find_if(kDaemonRoles.begin(), kDaemonRoles.end(),
                                    [v](const DaemonRole& r) { return r.name == v; });
    if (role == kDaemonRoles.end()) {
      fail(*cmd == Command::StartDaemon ? "illegal start-daemon parameter specified"
                                        : "illegal start_daemon specified");
    }
    req_.daemon.state = role->state;
  }
  return true;
}

void LineParser::option(const ScanItem& item) {
  const Opt id = item.spec->id;
  // 1.31 names the last argv word popt read: a command's value when it has one.
  if (is_command(id)) fail(fmt::format("invalid option `{}'", item.last_word));
  if (item.spec->group) mark(*item.spec->group);
  const std::string_view value = item.value.value_or(std::string_view());
  Service& svc = req_.service;
  ServiceKey& key = svc.key;
  Destination& dest = req_.dest;
  switch (id) {
    case Opt::TcpService:
    case Opt::UdpService:
    case Opt::SctpService: {
      key.protocol = id == Opt::TcpService   ? Protocol::Tcp
                     : id == Opt::UdpService ? Protocol::Udp
                                             : Protocol::Sctp;
      auto hp = parse_host_port(value, key.protocol, names_);
      if (!hp) fail("illegal virtual server address[:port] specified");
      key.address = hp->address;
      key.family = hp->address.family;
      key.port = hp->port.value_or(0);
      if (key.family == Family::Inet6) svc.netmask = 128;
      break;
    }
    case Opt::FwmarkService: {
      key.protocol = Protocol::Tcp;
      key.family = Family::Inet;
      auto n = parse_number(value, 1, 4294967295LL);
      if (!n) fail(fmt::format("invalid fwmark value `{}' specified", value));
      key.fwmark = static_cast<std::uint32_t>(*n);
      break;
    }
    case Opt::Ipv6:
      if (!key.is_fwmark()) fail("-6 used before -f\n");
      key.family = Family::Inet6;
      svc.netmask = 128;
      break;
    case Opt::Scheduler: svc.scheduler = value.substr(0, 15); break;
    case Opt::Pe: svc.pe_name = value.substr(0, 15); break;
    case Opt::Persistent:
      svc.flags |= svc_flags::kPersistent;
      if (!item.value) {
        svc.timeout = kDefaultPersistence;
      } else if (auto n = parse_number(value, 1, kMaxTimeout)) {
        svc.timeout = static_cast<std::uint32_t>(*n);
      } else {
        fail(fmt::format("invalid timeout value `{}' specified", value));
      }
      break;
    case Opt::Netmask:
      if (key.family == Family::Inet6) {
        const int n = parse_atoi(value);  // 1.31 uses atoi here, and only here
        if (n < 1 || n > 128) fail("illegal ipv6 netmask specified");
        svc.netmask = static_cast<std::uint32_t>(n);
      } else {
        auto m = parse_v4_netmask(value, names_);
        if (!m) fail("illegal virtual server persistent mask specified");
        svc.netmask = *m;
      }
      break;
    case Opt::RealServer: {
      auto hp = parse_host_port(value, key.protocol, names_);
      if (!hp) fail("illegal real server address[:port] specified");
      dest.address = hp->address;
      dest.port = hp->port.value_or(key.port);
      break;
    }
    case Opt::Masquerading: dest.forward = Forward::Masq; break;
    case Opt::Ipip: dest.forward = Forward::Tunnel; break;
    case Opt::Gatewaying: dest.forward = Forward::Route; break;
    case Opt::Weight:
      dest.weight = bounded<std::uint32_t>(value, 0, kIntMax, "illegal weight specified");
      break;
    case Opt::UThreshold:
      dest.u_threshold = bounded<std::uint32_t>(value, 0, kIntMax, "illegal u_threshold specified");
      break;
    case Opt::LThreshold:
      dest.l_threshold = bounded<std::uint32_t>(value, 0, kIntMax, "illegal l_threshold specified");
      break;
    case Opt::Numeric: req_.list.numeric = true; break;
    case Opt::Connection: req_.list.connection = true; break;
    case Opt::Timeout: req_.list.timeout = true; break;
    case Opt::Daemon: req_.list.daemon = true; break;
    case Opt::Stats: req_.list.stats = true; break;
    case Opt::Rate: req_.list.rate = true; break;
    case Opt::Thresholds: req_.list.thresholds = true; break;
    case Opt::PersistentConn: req_.list.persistent_conn = true; break;
    case Opt::NoSort: req_.list.nosort = true; break;
    case Opt::Exact: req_.list.exact = true; break;
    case Opt::TunInfo: req_.list.tun_info = true; break;
    case Opt::Sort: break;
    case Opt::Ops: svc.flags |= svc_flags::kOnePacket; break;
    case Opt::SchedFlags: sched_flags_arg_ = value.substr(0, kSchedFlagsMax); break;
    case Opt::McastInterface: req_.daemon.mcast_ifname = value.substr(0, 15); break;
    case Opt::SyncId:
      req_.daemon.sync_id = bounded<std::uint32_t>(value, 0, 255, "illegal syncid specified");
      break;
    case Opt::McastGroup: {
      auto a = Address::parse(value);
      const bool v6 = value.find(':') != std::string_view::npos;
      const bool multicast = a && (v6 ? (a->is_v6() && a->bytes[0] == 0xff)
                                      : (!a->is_v6() && (a->bytes[0] & 0xf0) == 0xe0));
      if (!multicast) {
        fail(fmt::format("invalid IPv{} mcast-group `{}'", v6 ? 6 : 4, value));
      }
      req_.daemon.mcast_group = *a;
      break;
    }
    case Opt::McastPort:
      req_.daemon.mcast_port = bounded<std::uint16_t>(value, 1, 65535, "illegal mcast-port specified");
      break;
    case Opt::McastTtl:
      req_.daemon.mcast_ttl = bounded<std::uint8_t>(value, 1, 255, "illegal mcast-ttl specified");
      break;
    case Opt::SyncMaxlen:
      req_.daemon.sync_maxlen = bounded<std::uint16_t>(value, 1, 65507, "illegal sync-maxlen specified");
      break;
    case Opt::TunType:
      if (value == "ipip") {
        dest.tun_type = TunnelType::Ipip;
      } else if (value == "gue") {
        dest.tun_type = TunnelType::Gue;
      } else if (value == "gre") {
        dest.tun_type = TunnelType::Gre;
      } else {
        fail("illegal tunnel type specified");
      }
      break;
    case Opt::TunPort:
      dest.tun_port = bounded<std::uint16_t>(value, 1, 65535, "illegal tunnel port specified");
      break;
    case Opt::TunNoCsum: dest.tun_flags |= tun_flags::kNoCsum; break;
    case Opt::TunCsum: dest.tun_flags |= tun_flags::kCsum; break;
    case Opt::TunRemCsum: dest.tun_flags |= tun_flags::kRemCsum; break;
    case Opt::Json: req_.list.format = ListFormat::Json; break;
    case Opt::Pretty: req_.list.pretty = true; break;
    case Opt::Metrics: req_.list.format = ListFormat::Metrics; break;
    case Opt::DryRun: req_.dry_run = true; break;
    case Opt::Drain: req_.drain = true; break;
    case Opt::Netns:
      // The namespace is entered once, before the first command runs.
      if (in_restore_) fail("Illegal 'netns' option with the 'restore' command");
      if (value.empty()) fail("illegal netns specified");
      req_.netns = std::string(value);
      break;
    default: fail(fmt::format("invalid option `{}'", item.last_word));
  }
}

/// Ours: the options 1.31 does not have may also come before the command
/// (`ipvsadm --netns blue -L`, as `ip -n NAME` has it; `--dry-run --apply
/// FILE`); 1.31 allows no option there.
void LineParser::leading_options() {
  static constexpr std::array<std::string_view, 6> kLeading = {"--netns", "--dry-run", "--drain",
                                                               "--json", "-j", "--pretty"};
  while (!args_.empty()) {
    const std::string_view word = args_[0];
    std::size_t words = 1;
    if (word == "--netns" && args_.size() > 1) {
      words = 2;
    } else if (!word.starts_with("--netns=") &&
               std::find(kLeading.begin(), kLeading.end(), word) == kLeading.end()) {
      return;
    }
    Scanner scanner(args_.subspan(0, words));
    const ScanItem item = scanner.next();
    if (item.kind != ScanItem::Kind::Option) return;  // "--netns" without a value: not a command
    option(item);
    args_ = args_.subspan(words);
  }
}

void LineParser::parse_sched_flags() {
  const std::string sched = req_.service.scheduler.empty() ? "wlc" : req_.service.scheduler;
  std::uint32_t flags = 0;
  std::string_view rest = *sched_flags_arg_;
  // A list of commas only (",", ",,,") makes 1.31 crash (SIGSEGV, nothing
  // applied); ours refuses it with 1.31's message for a bad flag.
  if (!rest.empty() && rest.find_first_not_of(',') == std::string_view::npos) {
    fail(fmt::format("invalid scheduler flag `{}'", rest));
  }
  // Tokens as strtok(",") gives them: empty ones ("a,", ",a", "") are skipped.
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string token(rest.substr(0, comma));
    if (token.empty()) {
      rest.remove_prefix(1);
      continue;
    }
    const format::SchedFlagName* found = nullptr;
    for (const format::SchedFlagName& n : format::sched_flag_names()) {
      if (token == n.name) found = &n;
    }
    if (found == nullptr) fail(fmt::format("invalid scheduler flag `{}'", token));
    if (!found->scheduler.empty() && sched != found->scheduler) {
      fail(fmt::format("incompatible scheduler flag `{}'", token));
    }
    flags |= found->bit;
    rest.remove_prefix(comma == std::string_view::npos ? rest.size() : comma + 1);
  }
  req_.service.flags = (req_.service.flags & ~svc_flags::kSchedMask) | flags;
}

void LineParser::check_tunnel() {
  const Destination& d = req_.dest;
  auto has = [this](OptGroup x) { return given(x); };
  const bool any_tunnel_option = has(OptGroup::TunType) || has(OptGroup::TunPort) ||
                                 has(OptGroup::TunNoCsum) || has(OptGroup::TunCsum) ||
                                 has(OptGroup::TunRemCsum);
  if (!any_tunnel_option) return;
  if (d.forward != Forward::Tunnel) fail("Tunnel options conflict with forward method");
  const char* type = d.tun_type == TunnelType::Gue ? "gue" : d.tun_type == TunnelType::Gre ? "gre" : "ipip";
  // Per tunnel type: tun-port, nocsum, csum, remcsum as '+' required, 'x' illegal, '1' one of.
  const std::string_view rules = d.tun_type == TunnelType::Gue ? "+111"
                                 : d.tun_type == TunnelType::Gre ? "x11x"
                                                                 : "xxxx";
  constexpr std::array<OptGroup, 4> kCols = {OptGroup::TunPort, OptGroup::TunNoCsum,
                                             OptGroup::TunCsum, OptGroup::TunRemCsum};
  std::optional<OptGroup> first;
  for (std::size_t i = 0; i < kCols.size(); ++i) {
    const bool set = has(kCols[i]);
    const char* name = group_name(kCols[i]);
    if (rules[i] == '+' && !set) {
      fail(fmt::format("You need to supply the '{}' option for the '{}' tunnel type", name, type));
    }
    if (rules[i] == 'x' && set) {
      fail(fmt::format("Illegal '{}' option with the '{}' tunnel type", name, type));
    }
    if (rules[i] == '1' && set) {
      if (first) {
        fail(fmt::format("The option '{}' conflicts with the '{}' option in the '{}' tunnel type",
                         name, group_name(*first), type));
      }
      first = kCols[i];
    }
  }
}

void LineParser::check_list() {
  const ListFlags& l = req_.list;
  if (((l.connection || l.timeout || l.daemon) && (l.stats || l.rate || l.thresholds)) ||
      ((l.timeout || l.daemon) && l.persistent_conn)) {
    fail("options conflicts in the list command");
  }
  // Ours: --metrics is the table's counters, in no other form.
  if (given(OptGroup::Metrics)) {
    for (OptGroup other : {OptGroup::Connection, OptGroup::Timeout, OptGroup::Daemon, OptGroup::Json}) {
      if (given(other)) {
        fail(fmt::format("The option 'metrics' conflicts with the '{}' option in the 'list' command",
                         group_name(other)));
      }
    }
  }
}

void LineParser::post_checks() {
  if (auto msg = check_legality(req_.command, req_.given)) fail(*msg);
  if (given(OptGroup::Pretty) && !given(OptGroup::Json)) {
    fail("The option 'pretty' needs the 'json' option");
  }
  Service& svc = req_.service;
  const ServiceKey& key = svc.key;
  switch (req_.command) {
    case Command::Add:
    case Command::Edit:
      if (!key.is_fwmark() && key.port == 0 && !(svc.flags & svc_flags::kPersistent)) {
        fail("Zero port specified for non-persistent service");
      }
      if ((svc.flags & svc_flags::kOnePacket) && !key.is_fwmark() && key.protocol != Protocol::Udp) {
        fail("One-Packet Scheduling is only for UDP virtual services");
      }
      if (svc.scheduler.empty()) svc.scheduler = "wlc";
      break;
    case Command::StartDaemon:
      if (req_.daemon.mcast_ifname.empty()) req_.daemon.mcast_ifname = "eth0";
      break;
    case Command::AddServer:
    case Command::EditServer: {
      Destination& d = req_.dest;
      if (!key.is_fwmark() && (d.forward == Forward::Route || d.forward == Forward::Tunnel)) {
        d.port = key.port;
      }
      if (d.address.family != key.family && d.forward != Forward::Tunnel) {
        fail("Different address family is allowed only for tunneling servers");
      }
      check_tunnel();
      break;
    }
    case Command::List:
      check_list();
      if (given(OptGroup::Service)) req_.selected = key;
      break;
    case Command::Zero:
      // 1.31's library sends no service, and so zeroes everything, when the
      // fwmark, the address and the port are all zero (-Z -t 0.0.0.0:0).
      if (given(OptGroup::Service) && !(key.fwmark == 0 && key.port == 0 && key.address.is_zero())) {
        req_.selected = key;
      }
      break;
    default: break;
  }
}

ParseOutcome LineParser::parse() {
  ParseOutcome out;
  if (args_.empty()) {
    out.request = std::move(req_);
    return out;
  }
  leading_options();
  Scanner scanner(args_);
  if (!first_option(scanner, out)) return out;
  while (true) {
    ScanItem item = scanner.next();
    if (item.kind == ScanItem::Kind::End) break;
    if (item.kind == ScanItem::Kind::Error) {
      out.kind = ParseOutcome::Kind::Soft;
      out.text = fmt::format("{}: {}\n", item.word, item.error);
      return out;
    }
    option(item);
  }
  const auto& rest = scanner.leftovers();
  std::size_t used = 0;
  if (req_.command == Command::SetTimeout) {
    if (rest.size() < 3) fail("--set option requires 3 timeout values");
    std::array<std::uint32_t, 3> t{};
    for (std::size_t i = 0; i < 3; ++i) {
      auto n = parse_number(rest[i], 0, kMaxTimeout);
      if (!n) fail(fmt::format("invalid timeout value `{}' specified", rest[i]));
      t[i] = static_cast<std::uint32_t>(*n);
    }
    req_.timeouts = Timeouts{t[0], t[1], t[2]};
    used = 3;
  }
  if (rest.size() > used) fail(fmt::format("unexpected argument {}", rest[used]));
  // 1.31 reads the -b list after the leftover words, before the matrix.
  if (sched_flags_arg_) parse_sched_flags();
  post_checks();
  out.request = std::move(req_);
  return out;
}

}  // namespace

std::string try_help_text(const std::string& argv0) {
  return fmt::format("Try `{0} -h' or '{0} --help' for more information.\n", argv0);
}

ParseOutcome parse_command_line(std::span<const std::string> argv, NameLookup& names,
                                bool in_restore) {
  return LineParser(argv, names, in_restore).run();
}

}  // namespace ipvs::cli
