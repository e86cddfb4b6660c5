// plan(), undo() and apply_to(): pure functions over Table values.

#include "ipvs/plan.hpp"

#include <array>
#include <cstring>
#include <map>

namespace ipvs {
namespace {

using Key = Identity;

std::uint64_t word(const Address& a, std::size_t at) noexcept {
  std::uint64_t w;
  std::memcpy(&w, a.bytes.data() + at, sizeof w);
  return w;
}

/// Finds items by identity: a map for many, a walk for a few (a service's
/// real servers usually: no allocation).
template <typename T, typename KeyOf>
class Index {
 public:
  Index(const std::vector<T>& items, KeyOf key_of) : items_(items), key_of_(key_of) {
    if (items.size() <= kWalk) return;
    for (std::size_t i = 0; i < items.size(); ++i) map_.emplace(key_of(items[i]), i);
  }
  /// The index of the item whose identity is `key`, or items.size().
  std::size_t find(const Key& key) const {
    if (items_.size() > kWalk) {
      const auto it = map_.find(key);
      return it == map_.end() ? items_.size() : it->second;
    }
    for (std::size_t i = 0; i < items_.size(); ++i) {
      if (key_of_(items_[i]) == key) return i;
    }
    return items_.size();
  }
  bool contains(const Key& key) const { return find(key) != items_.size(); }

 private:
  static constexpr std::size_t kWalk = 16;
  const std::vector<T>& items_;
  KeyOf key_of_;
  std::map<Key, std::size_t> map_;
};

Key entry_identity(const TableEntry& e) noexcept { return service_identity(e.service.key); }

bool has_connections(const Destination& d) noexcept { return d.active_conns != 0 || d.inactive_conns != 0; }

PlanStep step(PlanStep::Kind kind, const Service& svc) {
  PlanStep s;
  s.kind = kind;
  s.service = svc;
  return s;
}

PlanStep dest_step(PlanStep::Kind kind, const Service& svc, const Destination& d) {
  PlanStep s = step(kind, svc);
  s.dest = d;
  return s;
}

/// The phases of a plan, in execution order.
struct Phases {
  std::vector<PlanStep> add_services;  // each new service, then its real servers
  std::vector<PlanStep> edit_services;
  std::vector<PlanStep> add_dests;
  std::vector<PlanStep> edit_dests;
  std::vector<PlanStep> delete_dests;
  std::vector<PlanStep> delete_services;

  /// A real server `desired` does not have: deleted, or drained.
  void remove_dest(const Service& svc, const Destination& d, bool drain) {
    if (!drain || !has_connections(d)) {
      delete_dests.push_back(dest_step(PlanStep::Kind::DeleteDest, svc, d));
    } else if (d.weight != 0) {
      PlanStep s = dest_step(PlanStep::Kind::EditDest, svc, d);
      s.dest.weight = 0;
      s.old_dest = d;
      s.drain = true;
      edit_dests.push_back(std::move(s));
    }  // weight 0 already: still draining, nothing to do
  }

  Plan joined() && {
    Plan p;
    for (auto* phase : {&add_services, &edit_services, &add_dests, &edit_dests, &delete_dests, &delete_services}) {
      for (PlanStep& s : *phase) p.steps.push_back(std::move(s));
    }
    return p;
  }
};

}  // namespace

Identity service_identity(const ServiceKey& k) noexcept {
  const std::uint64_t family = static_cast<std::uint16_t>(k.family);
  if (k.is_fwmark()) return {family << 48 | k.fwmark, 0, 0, 1};
  return {family << 48 | static_cast<std::uint64_t>(static_cast<std::uint16_t>(k.protocol)) << 16 | k.port,
          word(k.address, 0), word(k.address, 8), 0};
}

Identity dest_identity(const Destination& d) noexcept {
  return {static_cast<std::uint64_t>(static_cast<std::uint16_t>(d.address.family)) << 16 | d.port,
          word(d.address, 0), word(d.address, 8), 0};
}

bool same_destination(const Destination& a, const Destination& b) noexcept {
  return dest_identity(a) == dest_identity(b);
}

bool same_service_settings(const Service& a, const Service& b) noexcept {
  constexpr std::uint32_t kSettable = ~svc_flags::kHashed;
  if (a.scheduler != b.scheduler || (a.flags & kSettable) != (b.flags & kSettable) || a.pe_name != b.pe_name) {
    return false;
  }
  // The timeout and netmask are persistence's: without it the kernel keeps
  // whatever was sent (-M without -p), but neither -S nor the listings show
  // them, so a saved rule set could never match them.
  if (!(a.flags & svc_flags::kPersistent)) return true;
  return a.timeout == b.timeout && a.netmask == b.netmask;
}

bool same_destination_settings(const Destination& a, const Destination& b) noexcept {
  if (a.forward != b.forward || a.weight != b.weight || a.u_threshold != b.u_threshold ||
      a.l_threshold != b.l_threshold) {
    return false;
  }
  if (a.forward != Forward::Tunnel) return true;
  if (a.tun_type != b.tun_type) return false;
  switch (a.tun_type) {
    case TunnelType::Gue: return a.tun_port == b.tun_port && a.tun_flags == b.tun_flags;
    case TunnelType::Gre: return a.tun_flags == b.tun_flags;
    case TunnelType::Ipip: return true;
  }
  return true;
}

Plan plan(const Table& current, const Table& desired, const PlanOptions& options) {
  const Index current_index(current.services, entry_identity);
  const Index desired_index(desired.services, entry_identity);
  Phases ph;
  for (const TableEntry& want : desired.services) {
    const std::size_t found = current_index.find(entry_identity(want));
    if (found == current.services.size()) {
      ph.add_services.push_back(step(PlanStep::Kind::AddService, want.service));
      for (const Destination& d : want.dests) {
        ph.add_services.push_back(dest_step(PlanStep::Kind::AddDest, want.service, d));
      }
      continue;
    }
    const TableEntry& have = current.services[found];
    if (!same_service_settings(have.service, want.service)) {
      PlanStep s = step(PlanStep::Kind::EditService, want.service);
      s.old_service = have.service;
      ph.edit_services.push_back(std::move(s));
    }
    const Index have_dests(have.dests, dest_identity);
    for (const Destination& d : want.dests) {
      const std::size_t at = have_dests.find(dest_identity(d));
      if (at == have.dests.size()) {
        ph.add_dests.push_back(dest_step(PlanStep::Kind::AddDest, want.service, d));
      } else if (!same_destination_settings(have.dests[at], d)) {
        PlanStep s = dest_step(PlanStep::Kind::EditDest, want.service, d);
        s.old_dest = have.dests[at];
        ph.edit_dests.push_back(std::move(s));
      }
    }
    const Index want_dests(want.dests, dest_identity);
    for (const Destination& d : have.dests) {
      if (!want_dests.contains(dest_identity(d))) ph.remove_dest(have.service, d, options.drain);
    }
  }
  for (const TableEntry& have : current.services) {
    if (desired_index.contains(entry_identity(have))) continue;
    bool draining = false;
    for (const Destination& d : have.dests) draining = draining || (options.drain && has_connections(d));
    if (draining) {
      for (const Destination& d : have.dests) ph.remove_dest(have.service, d, true);
      continue;
    }
    PlanStep s = step(PlanStep::Kind::DeleteService, have.service);
    s.old_dests = have.dests;
    ph.delete_services.push_back(std::move(s));
  }
  return std::move(ph).joined();
}

Plan undo(const Plan& p, const std::vector<bool>& applied) {
  Plan u;
  for (std::size_t i = std::min(p.steps.size(), applied.size()); i-- > 0;) {
    if (!applied[i]) continue;
    const PlanStep& s = p.steps[i];
    switch (s.kind) {
      case PlanStep::Kind::AddService:
        u.steps.push_back(step(PlanStep::Kind::DeleteService, s.service));
        break;
      case PlanStep::Kind::EditService: {
        PlanStep back = step(PlanStep::Kind::EditService, s.old_service);
        back.old_service = s.service;
        u.steps.push_back(std::move(back));
        break;
      }
      case PlanStep::Kind::DeleteService:
        u.steps.push_back(step(PlanStep::Kind::AddService, s.service));
        for (const Destination& d : s.old_dests) u.steps.push_back(dest_step(PlanStep::Kind::AddDest, s.service, d));
        break;
      case PlanStep::Kind::AddDest:
        u.steps.push_back(dest_step(PlanStep::Kind::DeleteDest, s.service, s.dest));
        break;
      case PlanStep::Kind::EditDest: {
        PlanStep back = dest_step(PlanStep::Kind::EditDest, s.service, s.old_dest);
        back.old_dest = s.dest;
        u.steps.push_back(std::move(back));
        break;
      }
      case PlanStep::Kind::DeleteDest:
        u.steps.push_back(dest_step(PlanStep::Kind::AddDest, s.service, s.dest));
        break;
    }
  }
  return u;
}

namespace {

TableEntry* find_service(Table& t, const ServiceKey& k) {
  for (TableEntry& e : t.services) {
    if (service_identity(e.service.key) == service_identity(k)) return &e;
  }
  return nullptr;
}

Destination* find_dest(TableEntry& e, const Destination& d) {
  for (Destination& x : e.dests) {
    if (same_destination(x, d)) return &x;
  }
  return nullptr;
}

}  // namespace

std::optional<Table> apply_to(Table table, const Plan& p) {
  for (const PlanStep& s : p.steps) {
    TableEntry* e = find_service(table, s.service.key);
    if (s.kind == PlanStep::Kind::AddService) {
      if (e != nullptr) return std::nullopt;
      table.services.push_back(TableEntry{s.service, {}});
      continue;
    }
    if (e == nullptr) return std::nullopt;
    Destination* d = s.kind == PlanStep::Kind::AddDest || s.kind == PlanStep::Kind::EditDest ||
                             s.kind == PlanStep::Kind::DeleteDest
                         ? find_dest(*e, s.dest)
                         : nullptr;
    switch (s.kind) {
      case PlanStep::Kind::AddService: break;
      case PlanStep::Kind::EditService: {
        const ServiceKey key = e->service.key;
        const Stats stats = e->service.stats;
        e->service = s.service;
        e->service.key = key;
        e->service.stats = stats;
        break;
      }
      case PlanStep::Kind::DeleteService:
        table.services.erase(table.services.begin() + (e - table.services.data()));
        break;
      case PlanStep::Kind::AddDest:
        if (d != nullptr) return std::nullopt;
        e->dests.push_back(s.dest);
        break;
      case PlanStep::Kind::EditDest: {
        if (d == nullptr) return std::nullopt;
        Destination edited = s.dest;
        edited.active_conns = d->active_conns;
        edited.inactive_conns = d->inactive_conns;
        edited.persist_conns = d->persist_conns;
        edited.stats = d->stats;
        *d = edited;
        break;
      }
      case PlanStep::Kind::DeleteDest:
        if (d == nullptr) return std::nullopt;
        e->dests.erase(e->dests.begin() + (d - e->dests.data()));
        break;
    }
  }
  return table;
}

}  // namespace ipvs
