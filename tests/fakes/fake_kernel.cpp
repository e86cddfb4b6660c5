#include "fakes/fake_kernel.hpp"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <ostream>
#include <tuple>

#include "fakes/ipvs_replies.hpp"
#include "netlink/codec.hpp"
#include "netlink/message.hpp"
#include "netlink/uapi.hpp"

namespace ipvs::testing {
namespace {

using Bytes = std::vector<std::uint8_t>;
using Entry = FakeKernel::Entry;

/// Dump parts the fake puts in one datagram (the kernel fills an skb).
constexpr std::size_t kPartsPerDatagram = 3;

constexpr std::uint32_t kFwdTunnel = static_cast<std::uint32_t>(Forward::Tunnel);

bool is_af(std::uint16_t af) {
  return af == static_cast<std::uint16_t>(Family::Inet) || af == static_cast<std::uint16_t>(Family::Inet6);
}

/// union nf_inet_addr as the kernel copies it (nla_memcpy, zero-filled),
/// compared and kept only as wide as the family.
int read_addr(const nl::AttrSet& set, std::uint16_t type, Family family, Address& out) {
  const auto data = set.get(type);
  if (!data || data->size() > 16) return EINVAL;
  out = Address{};
  out.family = family;
  const std::size_t n = std::min<std::size_t>(data->size(), family == Family::Inet6 ? 16 : 4);
  std::memcpy(out.bytes.data(), data->data(), n);
  return 0;
}

/// ip_vs_genl_parse_service, identifying part: AF and FWMARK, or AF and
/// PROTOCOL + ADDR + PORT.
int parse_key(const nl::AttrSet& nest, ServiceKey& key) {
  auto af = nl::read_int<std::uint16_t>(nest, nl::svc_attr::kAf, "AF");
  if (!af) return EINVAL;
  if (!is_af(*af)) return EAFNOSUPPORT;
  key = ServiceKey{};
  key.family = static_cast<Family>(*af);
  if (nest.has(nl::svc_attr::kFwmark)) {
    auto mark = nl::read_int<std::uint32_t>(nest, nl::svc_attr::kFwmark, "FWMARK");
    if (!mark) return EINVAL;
    key.fwmark = *mark;
    key.protocol = Protocol::Tcp;
    return 0;
  }
  auto proto = nl::read_int<std::uint16_t>(nest, nl::svc_attr::kProtocol, "PROTOCOL");
  auto port = nl::read_be16(nest, nl::svc_attr::kPort, "PORT");
  if (!proto || !port) return EINVAL;
  key.protocol = static_cast<Protocol>(*proto);
  key.port = *port;
  return read_addr(nest, nl::svc_attr::kAddr, key.family, key.address);
}

bool same_service(const ServiceKey& a, const ServiceKey& b) {
  if (a.family != b.family || a.fwmark != b.fwmark) return false;
  return a.fwmark != 0 || (a.protocol == b.protocol && a.address == b.address && a.port == b.port);
}

bool same_dest(const Destination& a, const Destination& b) {
  return a.address == b.address && a.port == b.port;
}

void zero_entry(Entry& e) {
  e.service.stats = Stats{};
  for (Destination& d : e.dests) d.stats = Stats{};
}

/// One request of a datagram, being answered.
class Call {
 public:
  Call(FakeKernel::State& st, const nl::Message& m) : st_(st), m_(m) {}

  void handle() {
    auto genl = nl::parse_genl(m_.payload);
    const std::uint8_t cmd = genl ? genl->cmd : 0;
    st_.commands.push_back(cmd);
    if (!genl) return finish(EINVAL);
    auto top = nl::AttrSet::parse(genl->attrs, nl::cmd_attr::kMax);
    if (!top) return finish(EINVAL);
    top_ = *top;
    if (st_.reject) {
      if (const int e = st_.reject(cmd); e != 0) return finish(e);
    }
    const bool dump = (m_.flags & nl::kNlmFDump) == nl::kNlmFDump;
    switch (cmd) {
      case nl::cmd::kGetInfo: return get_reply(reply::info(m_.seq, st_.info, st_.family));
      case nl::cmd::kGetConfig: return get_reply(reply::config(m_.seq, st_.timeouts, st_.family));
      case nl::cmd::kSetConfig: return finish(set_config());
      case nl::cmd::kGetService: return dump ? dump_services() : get_service();
      case nl::cmd::kGetDest: return dump ? dump_dests() : finish(EOPNOTSUPP);
      case nl::cmd::kGetDaemon: return dump ? dump_daemons() : finish(EOPNOTSUPP);
      case nl::cmd::kNewDaemon: return finish(new_daemon());
      case nl::cmd::kDelDaemon: return finish(del_daemon());
      case nl::cmd::kFlush: st_.table.clear(); return finish(0);
      case nl::cmd::kZero:
        if (!top_.has(nl::cmd_attr::kService)) {
          for (Entry& e : st_.table) zero_entry(e);
          return finish(0);
        }
        return finish(service_command(cmd));
      case nl::cmd::kNewService:
      case nl::cmd::kSetService:
      case nl::cmd::kDelService:
      case nl::cmd::kNewDest:
      case nl::cmd::kSetDest:
      case nl::cmd::kDelDest: return finish(service_command(cmd));
      default: return finish(EOPNOTSUPP);
    }
  }

 private:
  void push(Bytes b) {
    if (!st_.lose_replies) st_.replies.push_back(std::move(b));
  }

  /// A do-request's answer: a NACK on failure, an ACK when asked for.
  void finish(int errnum) {
    if (errnum != 0 || (m_.flags & nl::kNlmFAck)) push(reply::ack(m_.seq, errnum));
  }

  /// A get-request's data message, then its ACK.
  void get_reply(Bytes data) {
    push(std::move(data));
    finish(0);
  }

  /// Dump parts in datagrams of kPartsPerDatagram, NLMSG_DONE after the last.
  void dump_reply(std::vector<Bytes> parts) {
    Bytes d;
    std::size_t in_datagram = 0;
    for (Bytes& p : parts) {
      d.insert(d.end(), p.begin(), p.end());
      if (++in_datagram == kPartsPerDatagram) {
        push(std::move(d));
        d.clear();
        in_datagram = 0;
      }
    }
    const Bytes done = reply::done(m_.seq);
    d.insert(d.end(), done.begin(), done.end());
    push(std::move(d));
  }

  Entry* find(const ServiceKey& key) {
    for (Entry& e : st_.table) {
      if (same_service(e.service.key, key)) return &e;
    }
    return nullptr;
  }

  /// The SERVICE nest's key and its entry (nullptr when absent); errno when malformed.
  int lookup(ServiceKey& key, Entry*& entry) {
    auto nest = nl::read_nest(top_, nl::cmd_attr::kService, nl::svc_attr::kMax, "SERVICE");
    if (!nest) return EINVAL;
    if (const int e = parse_key(*nest, key); e != 0) return e;
    entry = find(key);
    return 0;
  }

  bool known(const std::vector<std::string>& names, const std::string& name) const {
    return std::find(names.begin(), names.end(), name) != names.end();
  }

  void get_service() {
    ServiceKey key;
    Entry* e = nullptr;
    if (const int err = lookup(key, e); err != 0) return finish(err);
    if (e == nullptr) return finish(ESRCH);
    get_reply(reply::service(m_.seq, e->service, 0, st_.family));
  }

  void dump_services() {
    std::vector<Bytes> parts;
    // Address services, then fwmark ones (the kernel's two hash tables), newest first.
    for (bool fwmark : {false, true}) {
      for (auto it = st_.table.rbegin(); it != st_.table.rend(); ++it) {
        if (it->service.key.is_fwmark() == fwmark) parts.push_back(reply::service(m_.seq, it->service, nl::kNlmFMulti, st_.family));
      }
    }
    dump_reply(std::move(parts));
  }

  void dump_dests() {
    ServiceKey key;
    Entry* e = nullptr;
    std::vector<Bytes> parts;
    // An unknown or malformed service is an empty dump, not an error.
    if (lookup(key, e) == 0 && e != nullptr) {
      for (auto it = e->dests.rbegin(); it != e->dests.rend(); ++it) {
        parts.push_back(reply::dest(m_.seq, *it, true, nl::kNlmFMulti, st_.family));
      }
    }
    dump_reply(std::move(parts));
  }

  void dump_daemons() {
    std::vector<Bytes> parts;
    for (DaemonState role : {DaemonState::Master, DaemonState::Backup}) {
      for (const Daemon& d : st_.daemons) {
        if (d.state == role) parts.push_back(reply::daemon(m_.seq, d, nl::kNlmFMulti, st_.family));
      }
    }
    dump_reply(std::move(parts));
  }

  int set_config() {
    auto t = nl::decode_config(m_.payload);
    if (!t) return EINVAL;
    if (t->tcp != 0) st_.timeouts.tcp = t->tcp;
    if (t->tcp_fin != 0) st_.timeouts.tcp_fin = t->tcp_fin;
    if (t->udp != 0) st_.timeouts.udp = t->udp;
    return 0;
  }

  bool has_mixed_dests() const {
    for (const Entry& e : st_.table) {
      for (const Destination& d : e.dests) {
        if (d.address.family != e.service.key.family) return true;
      }
    }
    return false;
  }

  int new_daemon() {
    auto d = nl::decode_daemon(m_.payload);
    if (!d) return EINVAL;
    if (has_mixed_dests()) return EINVAL;
    for (const Daemon& running : st_.daemons) {
      if (running.state == d->state) return EEXIST;
    }
    // What the kernel fills in for what was not sent.
    if (d->sync_maxlen == 0) d->sync_maxlen = 1472;
    if (d->mcast_group.family == Family::Unspec) d->mcast_group = *Address::parse("224.0.0.81");
    if (d->mcast_port == 0) d->mcast_port = 8848;
    if (d->mcast_ttl == 0) d->mcast_ttl = 1;
    st_.daemons.push_back(*d);
    return 0;
  }

  int del_daemon() {
    auto nest = nl::read_nest(top_, nl::cmd_attr::kDaemon, nl::daemon_attr::kMax, "DAEMON");
    if (!nest) return EINVAL;
    auto state = nl::read_int<std::uint32_t>(*nest, nl::daemon_attr::kState, "STATE");
    if (!state) return EINVAL;
    auto it = std::find_if(st_.daemons.begin(), st_.daemons.end(), [&](const Daemon& d) {
      return static_cast<std::uint32_t>(d.state) == *state;
    });
    if (it == st_.daemons.end()) return ESRCH;
    st_.daemons.erase(it);
    return 0;
  }

  /// ip_vs_genl_parse_service with a full entry: the settings, with the
  /// flags merged as {old & ~mask | flags & mask}.
  int full_service(std::uint32_t old_flags, Service& svc) {
    auto decoded = nl::decode_service(m_.payload);
    if (!decoded) return EINVAL;
    auto nest = nl::read_nest(top_, nl::cmd_attr::kService, nl::svc_attr::kMax, "SERVICE");
    const auto raw = nest->get(nl::svc_attr::kFlags);
    std::uint32_t pair[2];
    std::memcpy(pair, raw->data(), sizeof pair);
    svc = std::move(*decoded);
    svc.flags = ((old_flags & ~pair[1]) | (pair[0] & pair[1])) | svc_flags::kHashed;
    svc.stats = Stats{};
    if (svc.key.family == Family::Inet6 && (svc.netmask < 1 || svc.netmask > 128)) return EINVAL;
    if (!known(st_.schedulers, svc.scheduler)) return ENOENT;
    if (!svc.pe_name.empty() && !known(st_.pes, svc.pe_name)) return ENOENT;
    return 0;
  }

  /// ip_vs_genl_parse_dest: everything for NEW/SET_DEST, ADDR + PORT for DEL_DEST.
  int parse_dest(std::uint8_t cmd, Family svc_af, Destination& d) {
    auto nest = nl::read_nest(top_, nl::cmd_attr::kDest, nl::dest_attr::kMax, "DEST");
    if (!nest) return EINVAL;
    auto af = nl::read_int_or<std::uint16_t>(*nest, nl::dest_attr::kAddrFamily, "ADDR_FAMILY", 0);
    if (!af) return EINVAL;
    if (*af != 0 && !is_af(*af)) return EAFNOSUPPORT;
    const Family family = *af == 0 ? svc_af : static_cast<Family>(*af);
    if (cmd == nl::cmd::kDelDest) {
      auto port = nl::read_be16(*nest, nl::dest_attr::kPort, "PORT");
      if (!port) return EINVAL;
      d = Destination{};
      d.port = *port;
      return read_addr(*nest, nl::dest_attr::kAddr, family, d.address);
    }
    auto decoded = nl::decode_dest(m_.payload, svc_af);
    if (!decoded) return EINVAL;
    d = std::move(*decoded);
    const std::uint32_t fwd = static_cast<std::uint32_t>(d.forward);
    if (d.address.family != svc_af && (!st_.daemons.empty() || fwd != kFwdTunnel)) return EINVAL;
    if (d.weight > static_cast<std::uint32_t>(INT_MAX)) return ERANGE;
    if (d.l_threshold > d.u_threshold) return ERANGE;
    if (fwd == kFwdTunnel && d.tun_type == TunnelType::Gue && d.tun_port == 0) return EINVAL;
    d.active_conns = d.inactive_conns = d.persist_conns = 0;
    d.stats = Stats{};
    return 0;
  }

  /// ip_vs_genl_set_cmd for the commands that name a service.
  int service_command(std::uint8_t cmd) {
    ServiceKey key;
    Entry* e = nullptr;
    if (const int err = lookup(key, e); err != 0) return err;
    if (cmd != nl::cmd::kNewService && e == nullptr) return ESRCH;
    if (cmd == nl::cmd::kNewService || cmd == nl::cmd::kSetService) {
      Service svc;
      if (cmd == nl::cmd::kNewService && e != nullptr) return EEXIST;
      if (const int err = full_service(e != nullptr ? e->service.flags : 0, svc); err != 0) return err;
      if (e != nullptr) {
        svc.stats = e->service.stats;
        e->service = std::move(svc);
      } else {
        st_.table.push_back(Entry{std::move(svc), {}});
      }
      return 0;
    }
    if (cmd == nl::cmd::kDelService) {
      st_.table.erase(st_.table.begin() + (e - st_.table.data()));
      return 0;
    }
    if (cmd == nl::cmd::kZero) {
      zero_entry(*e);
      return 0;
    }
    Destination d;
    if (const int err = parse_dest(cmd, key.family, d); err != 0) return err;
    auto it = std::find_if(e->dests.begin(), e->dests.end(), [&](const Destination& x) { return same_dest(x, d); });
    const bool exists = it != e->dests.end();
    if (cmd == nl::cmd::kNewDest) {
      if (exists) return EEXIST;
      e->dests.push_back(d);
    } else if (!exists) {
      return ENOENT;
    } else if (cmd == nl::cmd::kSetDest) {
      // The kernel changes the settings; counters and connections stay.
      d.stats = it->stats;
      d.active_conns = it->active_conns;
      d.inactive_conns = it->inactive_conns;
      d.persist_conns = it->persist_conns;
      *it = d;
    } else {
      e->dests.erase(it);
    }
    return 0;
  }

  FakeKernel::State& st_;
  const nl::Message& m_;
  nl::AttrSet top_;
};

}  // namespace

FakeKernel::Made FakeKernel::make() {
  auto state = std::make_shared<State>();
  return Made{std::make_unique<FakeKernel>(state), state};
}

FakeKernel::Reject FakeKernel::fail_always(std::uint8_t cmd, int errnum) {
  return [cmd, errnum](std::uint8_t c) { return c == cmd ? errnum : 0; };
}

FakeKernel::Reject FakeKernel::fail_nth(std::uint8_t cmd, std::size_t nth, int errnum) {
  auto seen = std::make_shared<std::size_t>(0);
  return [cmd, nth, errnum, seen](std::uint8_t c) {
    if (c != cmd) return 0;
    return (*seen)++ == nth ? errnum : 0;
  };
}

Result<void> FakeKernel::send(std::span<const std::uint8_t> datagram) {
  auto messages = nl::parse_datagram(datagram);
  if (!messages) return Error::transport(Op::Init, EINVAL, Outcome::NotSent, "fake kernel: " + messages.error().detail);
  state_->datagram_requests.push_back(messages->size());
  for (const nl::Message& m : *messages) {
    if (m.type != state_->family) continue;
    Call(*state_, m).handle();
  }
  return {};
}

Result<std::size_t> FakeKernel::receive_queued(std::vector<std::uint8_t>& out, Wait wait) {
  out.clear();
  if (state_->replies.empty()) {
    if (wait == Wait::Never) return std::size_t{0};
    return Error::transport(Op::Init, ETIMEDOUT, Outcome::Unknown, "fake kernel: nothing queued");
  }
  std::size_t count = 0;
  while (!state_->replies.empty()) {
    const Bytes& d = state_->replies.front();
    out.insert(out.end(), d.begin(), d.end());
    out.resize(nl::nl_align(out.size()), 0);
    state_->replies.pop_front();
    ++count;
  }
  return count;
}

std::vector<FakeKernel::Entry> canonical(std::vector<FakeKernel::Entry> table) {
  auto key_of = [](const ServiceKey& k) {
    return std::make_tuple(k.fwmark, k.family, k.protocol, k.address.bytes, k.port);
  };
  for (Entry& e : table) {
    e.service.flags &= ~svc_flags::kHashed;
    e.service.stats = Stats{};
    for (Destination& d : e.dests) {
      d.stats = Stats{};
      d.active_conns = d.inactive_conns = d.persist_conns = 0;
    }
    std::sort(e.dests.begin(), e.dests.end(), [](const Destination& a, const Destination& b) {
      return std::tie(a.address.family, a.address.bytes, a.port) < std::tie(b.address.family, b.address.bytes, b.port);
    });
  }
  std::sort(table.begin(), table.end(),
            [&](const Entry& a, const Entry& b) { return key_of(a.service.key) < key_of(b.service.key); });
  return table;
}

bool operator==(const FakeKernel::Entry& a, const FakeKernel::Entry& b) {
  return a.service == b.service && a.dests == b.dests;
}

void PrintTo(const FakeKernel::Entry& e, std::ostream* os) {
  const Service& s = e.service;
  const ServiceKey& k = s.key;
  *os << "\n  service af=" << static_cast<int>(k.family) << " fwmark=" << k.fwmark
      << " proto=" << static_cast<int>(k.protocol) << " addr=" << k.address.to_string() << " port=" << k.port
      << " sched=" << s.scheduler << " flags=" << s.flags << " timeout=" << s.timeout << " netmask=" << s.netmask
      << " pe=" << s.pe_name;
  for (const Destination& d : e.dests) {
    *os << "\n    dest " << d.address.to_string() << " port=" << d.port << " fwd=" << static_cast<int>(d.forward)
        << " w=" << d.weight << " u=" << d.u_threshold << " l=" << d.l_threshold
        << " tun=" << static_cast<int>(d.tun_type) << "/" << d.tun_port << "/" << d.tun_flags;
  }
}

}  // namespace ipvs::testing
