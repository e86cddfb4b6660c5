// ipvs::plan, undo and apply_to over generated pairs of tables (every rule
// ipvsadm can express: IPv4/IPv6, fwmark, persistence, PE, flags, tunnels,
// thresholds): the plan takes the first table to the second, touches every
// differing entry exactly once and nothing else, is empty between equal
// tables, and the undo of a plan that failed at any step restores the first.
#include "ipvs/plan.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>

#include "fakes/random_table.hpp"

namespace ipvs {
namespace {

Table table_of(const std::vector<testing::FakeKernel::Entry>& entries) {
  Table t;
  for (const auto& e : entries) t.services.push_back(TableEntry{e.service, e.dests});
  return t;
}

const TableEntry* find(const Table& t, const ServiceKey& k) {
  for (const TableEntry& e : t.services) {
    if (e.service.key == k) return &e;
  }
  return nullptr;
}

const Destination* find(const TableEntry& e, const Destination& d) {
  for (const Destination& x : e.dests) {
    if (x.address == d.address && x.port == d.port) return &x;
  }
  return nullptr;
}

/// Same services (by key) with the same settings and the same real servers
/// (by address and port) with the same settings, in any order.
::testing::AssertionResult equivalent(const Table& a, const Table& b) {
  if (a.services.size() != b.services.size()) {
    return ::testing::AssertionFailure() << a.services.size() << " vs " << b.services.size() << " services";
  }
  for (const TableEntry& x : a.services) {
    const TableEntry* y = find(b, x.service.key);
    if (y == nullptr) return ::testing::AssertionFailure() << "service " << x.service.key.port << " missing";
    if (!same_service_settings(x.service, y->service)) {
      return ::testing::AssertionFailure() << "service " << x.service.key.port << " settings differ";
    }
    if (x.dests.size() != y->dests.size()) {
      return ::testing::AssertionFailure() << "service " << x.service.key.port << ": dest counts differ";
    }
    for (const Destination& d : x.dests) {
      const Destination* e = find(*y, d);
      if (e == nullptr || !same_destination_settings(d, *e)) {
        return ::testing::AssertionFailure() << "dest " << d.address.to_string() << " differs";
      }
    }
  }
  return ::testing::AssertionSuccess();
}

/// `t` changed at random: services dropped, re-scheduled, persistence
/// toggled; real servers dropped, re-weighted, re-forwarded, thresholds
/// changed; services and real servers of `extra` added.
Table mutate(Table t, const Table& extra, std::uint32_t seed) {
  std::mt19937 rng(seed);
  auto chance = [&](int percent) { return static_cast<int>(rng() % 100) < percent; };
  Table out;
  for (TableEntry e : t.services) {
    if (chance(15)) continue;
    Service& s = e.service;
    if (chance(20)) s.scheduler = s.scheduler == "rr" ? "wlc" : "rr";
    if (chance(15)) {
      s.flags ^= svc_flags::kPersistent;
      s.timeout = (s.flags & svc_flags::kPersistent) ? 300 : 0;
    }
    if (chance(10)) s.flags &= ~svc_flags::kSchedMask;
    std::vector<Destination> dests;
    for (Destination d : e.dests) {
      if (chance(15)) continue;
      if (chance(20)) d.weight = (d.weight + 3) % 7;
      if (chance(10)) d.u_threshold = d.u_threshold ? 0 : 100;
      if (chance(10) && d.address.family == s.key.family && !s.key.is_fwmark()) {
        d.forward = d.forward == Forward::Masq ? Forward::Route : Forward::Masq;
        if (d.forward == Forward::Route) d.port = s.key.port;
      }
      dests.push_back(d);
    }
    e.dests = std::move(dests);
    out.services.push_back(std::move(e));
  }
  for (const TableEntry& x : extra.services) {
    if (find(out, x.service.key) == nullptr && chance(40)) out.services.push_back(x);
  }
  return out;
}

TEST(Plan, TakesTheCurrentTableToTheDesiredOneOverGeneratedPairs) {
  int nonempty = 0;
  for (std::uint32_t seed = 1; seed <= 300; ++seed) {
    const Table a = table_of(testing::random_table(seed));
    const Table b = mutate(a, table_of(testing::random_table(seed + 10000)), seed);
    const Plan p = plan(a, b);
    nonempty += !p.empty();
    const std::optional<Table> got = apply_to(a, p);
    ASSERT_TRUE(got) << "seed " << seed;
    EXPECT_TRUE(equivalent(*got, b)) << "seed " << seed;
    EXPECT_TRUE(plan(*got, b).empty()) << "seed " << seed;
    EXPECT_TRUE(plan(a, a).empty()) << "seed " << seed;
  }
  EXPECT_GT(nonempty, 250);
}

/// How many entries differ between `a` and `b`: services and real servers
/// present in only one, and those present in both with other settings (the
/// real servers of a service present in only one count only when it is new).
std::size_t differing(const Table& a, const Table& b) {
  std::size_t n = 0;
  for (const TableEntry& y : b.services) {
    const TableEntry* x = find(a, y.service.key);
    if (x == nullptr) {
      n += 1 + y.dests.size();
      continue;
    }
    n += !same_service_settings(x->service, y.service);
    for (const Destination& d : y.dests) {
      const Destination* e = find(*x, d);
      n += e == nullptr || !same_destination_settings(*e, d);
    }
    for (const Destination& d : x->dests) n += find(y, d) == nullptr;
  }
  for (const TableEntry& x : a.services) n += find(b, x.service.key) == nullptr;
  return n;
}

TEST(Plan, TouchesEveryDifferingEntryExactlyOnceAndNothingElse) {
  for (std::uint32_t seed = 1; seed <= 300; ++seed) {
    const Table a = table_of(testing::random_table(seed));
    const Table b = mutate(a, table_of(testing::random_table(seed + 10000)), seed);
    const Plan p = plan(a, b);
    EXPECT_EQ(p.size(), differing(a, b)) << "seed " << seed;
    std::set<std::string> touched;
    for (const PlanStep& s : p.steps) {
      const bool dest = s.kind == PlanStep::Kind::AddDest || s.kind == PlanStep::Kind::EditDest ||
                        s.kind == PlanStep::Kind::DeleteDest;
      std::string id = s.service.key.address.to_string() + "/" + std::to_string(s.service.key.port) + "/" +
                       std::to_string(s.service.key.fwmark) + "/" +
                       std::to_string(static_cast<int>(s.service.key.family)) + "/" +
                       std::to_string(static_cast<int>(s.service.key.protocol));
      if (dest) id += "->" + s.dest.address.to_string() + "/" + std::to_string(s.dest.port);
      EXPECT_TRUE(touched.insert(id).second) << "seed " << seed << ": " << id << " twice";
    }
  }
}

TEST(Plan, AddsComeBeforeDeletesAndServicesAreDeletedLast) {
  for (std::uint32_t seed = 1; seed <= 300; ++seed) {
    const Table a = table_of(testing::random_table(seed));
    const Plan p = plan(a, mutate(a, table_of(testing::random_table(seed + 10000)), seed));
    int phase = 0;  // 0 add services, 1 edit services, 2 add dests, 3 edit dests, 4 delete dests, 5 delete services
    bool in_new_service = false;
    for (const PlanStep& s : p.steps) {
      int at = 0;
      switch (s.kind) {
        case PlanStep::Kind::AddService: at = 0; in_new_service = true; break;
        case PlanStep::Kind::EditService: at = 1; in_new_service = false; break;
        case PlanStep::Kind::AddDest: at = in_new_service ? 0 : 2; break;
        case PlanStep::Kind::EditDest: at = 3; in_new_service = false; break;
        case PlanStep::Kind::DeleteDest: at = 4; in_new_service = false; break;
        case PlanStep::Kind::DeleteService: at = 5; in_new_service = false; break;
      }
      EXPECT_GE(at, phase) << "seed " << seed;
      phase = std::max(phase, at);
    }
  }
}

/// Runs `p` on `t` step by step as the kernel would (a step that cannot
/// apply fails and the next one runs), with step `fail` refused.
Table run_failing(Table t, const Plan& p, std::size_t fail, std::vector<bool>& applied) {
  applied.assign(p.size(), false);
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (i == fail) continue;
    if (auto next = apply_to(t, Plan{{p.steps[i]}})) {
      t = std::move(*next);
      applied[i] = true;
    }
  }
  return t;
}

TEST(Plan, UndoAfterAFailureAtAnyStepRestoresTheCurrentTable) {
  std::size_t cases = 0;
  for (std::uint32_t seed = 1; seed <= 120; ++seed) {
    const Table a = table_of(testing::random_table(seed));
    const Plan p = plan(a, mutate(a, table_of(testing::random_table(seed + 10000)), seed));
    for (std::size_t fail = 0; fail < p.size(); ++fail) {
      std::vector<bool> applied;
      const Table broken = run_failing(a, p, fail, applied);
      const std::optional<Table> back = apply_to(broken, undo(p, applied));
      ASSERT_TRUE(back) << "seed " << seed << " fail at " << fail;
      EXPECT_TRUE(equivalent(*back, a)) << "seed " << seed << " fail at " << fail;
      ++cases;
    }
  }
  EXPECT_GT(cases, 500u);
}

Destination server(const char* addr, std::uint32_t weight, std::uint32_t active, std::uint32_t inactive) {
  Destination d;
  d.address = *Address::parse(addr);
  d.port = 80;
  d.forward = Forward::Masq;
  d.weight = weight;
  d.active_conns = active;
  d.inactive_conns = inactive;
  return d;
}

Service http(const char* addr) {
  Service s;
  s.key.address = *Address::parse(addr);
  s.key.port = 80;
  s.scheduler = "rr";
  return s;
}

TEST(Plan, DrainSetsWeightZeroWhileConnectionsRemainThenDeletes) {
  Table current{{TableEntry{http("10.0.0.1"), {server("192.168.1.2", 5, 0, 0), server("192.168.1.3", 5, 2, 0),
                                               server("192.168.1.4", 0, 0, 7), server("192.168.1.5", 0, 0, 0)}}}};
  const Table desired{{TableEntry{http("10.0.0.1"), {}}}};
  const Plan drained = plan(current, desired, PlanOptions{.drain = true});
  // .2 (no connections) and .5 (drained out) are deleted; .3 goes to weight 0;
  // .4 is at weight 0 already and still has connections: left alone.
  ASSERT_EQ(drained.size(), 3u);
  EXPECT_EQ(drained.steps[0].kind, PlanStep::Kind::EditDest);
  EXPECT_TRUE(drained.steps[0].drain);
  EXPECT_EQ(drained.steps[0].dest.address.to_string(), "192.168.1.3");
  EXPECT_EQ(drained.steps[0].dest.weight, 0u);
  EXPECT_EQ(drained.steps[1].kind, PlanStep::Kind::DeleteDest);
  EXPECT_EQ(drained.steps[1].dest.address.to_string(), "192.168.1.2");
  EXPECT_EQ(drained.steps[2].dest.address.to_string(), "192.168.1.5");
  // Without --drain every one goes.
  EXPECT_EQ(plan(current, desired).size(), 4u);
  // A removed service with a draining server stays; one without is deleted.
  current.services.push_back(TableEntry{http("10.0.0.2"), {server("192.168.1.9", 1, 0, 0)}});
  const Plan gone = plan(current, Table{}, PlanOptions{.drain = true});
  std::size_t service_deletes = 0;
  for (const PlanStep& s : gone.steps) service_deletes += s.kind == PlanStep::Kind::DeleteService;
  EXPECT_EQ(service_deletes, 1u);
  EXPECT_EQ(gone.steps.back().service.key.address.to_string(), "10.0.0.2");
  // Once the connections are gone, the next plan deletes the rest.
  Table later = *apply_to(current, gone);
  for (TableEntry& e : later.services) {
    for (Destination& d : e.dests) d.active_conns = d.inactive_conns = 0;
  }
  EXPECT_TRUE(apply_to(later, plan(later, Table{}, PlanOptions{.drain = true}))->services.empty());
}

TEST(Plan, SettingsThatDoNotApplyAreNotDifferences) {
  Destination a = server("192.168.1.2", 1, 0, 0);
  Destination b = a;
  b.tun_port = 6080;  // not a tunnel: no tunnel settings
  b.tun_flags = tun_flags::kCsum;
  b.active_conns = 9;  // not a setting
  EXPECT_TRUE(same_destination_settings(a, b));
  a.forward = b.forward = Forward::Tunnel;
  EXPECT_TRUE(same_destination_settings(a, b));  // ipip: no port, no flags
  a.tun_type = b.tun_type = TunnelType::Gre;
  EXPECT_FALSE(same_destination_settings(a, b));  // gre: the flags count
  Service s = http("10.0.0.1");
  Service t = s;
  t.flags |= svc_flags::kHashed;
  t.stats.conns = 5;
  EXPECT_TRUE(same_service_settings(s, t));
  t.pe_name = "sip";
  EXPECT_FALSE(same_service_settings(s, t));
  // Without persistence the timeout and netmask are not settings -S can
  // write (-M without -p is accepted and kept by the kernel); with it they are.
  Service u = s;
  u.netmask = 0xffffff00u;
  u.timeout = 30;
  EXPECT_TRUE(same_service_settings(s, u));
  EXPECT_TRUE(plan(Table{{TableEntry{u, {}}}}, Table{{TableEntry{s, {}}}}).empty());
  s.flags |= svc_flags::kPersistent;
  u.flags |= svc_flags::kPersistent;
  EXPECT_FALSE(same_service_settings(s, u));
  u.netmask = s.netmask;
  EXPECT_FALSE(same_service_settings(s, u));  // the timeout
  u.timeout = s.timeout;
  EXPECT_TRUE(same_service_settings(s, u));
}

}  // namespace
}  // namespace ipvs
