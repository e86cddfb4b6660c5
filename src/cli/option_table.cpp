#include "cli/option_table.hpp"

#include <array>
#include <optional>

namespace ipvs::cli {
namespace {

using C = Command;
using G = OptGroup;
constexpr std::nullopt_t kNone = std::nullopt;

// id, short, long, argument, the command it selects, its legality column.
constexpr std::array kTable = {
    OptionSpec{Opt::AddService, 'A', "add-service", Arg::None, C::Add, kNone},
    OptionSpec{Opt::EditService, 'E', "edit-service", Arg::None, C::Edit, kNone},
    OptionSpec{Opt::DeleteService, 'D', "delete-service", Arg::None, C::Delete, kNone},
    OptionSpec{Opt::Clear, 'C', "clear", Arg::None, C::Flush, kNone},
    OptionSpec{Opt::List, 'L', "list", Arg::None, C::List, kNone},
    OptionSpec{Opt::List, 'l', "", Arg::None, C::List, kNone},
    OptionSpec{Opt::Zero, 'Z', "zero", Arg::None, C::Zero, kNone},
    OptionSpec{Opt::AddServer, 'a', "add-server", Arg::None, C::AddServer, kNone},
    OptionSpec{Opt::EditServer, 'e', "edit-server", Arg::None, C::EditServer, kNone},
    OptionSpec{Opt::DeleteServer, 'd', "delete-server", Arg::None, C::DeleteServer, kNone},
    OptionSpec{Opt::Set, '\0', "set", Arg::None, C::SetTimeout, kNone},
    OptionSpec{Opt::Restore, 'R', "restore", Arg::None, C::Restore, kNone},
    OptionSpec{Opt::Save, 'S', "save", Arg::None, C::Save, kNone},
    OptionSpec{Opt::StartDaemon, '\0', "start-daemon", Arg::Required, C::StartDaemon, kNone},
    OptionSpec{Opt::StopDaemon, '\0', "stop-daemon", Arg::Required, C::StopDaemon, kNone},
    OptionSpec{Opt::Apply, '\0', "apply", Arg::Required, C::Apply, kNone},  // ours
    OptionSpec{Opt::Help, 'h', "help", Arg::None, kNone, kNone},
    OptionSpec{Opt::Version, 'v', "version", Arg::None, kNone, kNone},
    OptionSpec{Opt::TcpService, 't', "tcp-service", Arg::Required, kNone, G::Service},
    OptionSpec{Opt::UdpService, 'u', "udp-service", Arg::Required, kNone, G::Service},
    OptionSpec{Opt::SctpService, '\0', "sctp-service", Arg::Required, kNone, G::Service},
    OptionSpec{Opt::FwmarkService, 'f', "fwmark-service", Arg::Required, kNone, G::Service},
    OptionSpec{Opt::Ipv6, '6', "ipv6", Arg::None, kNone, kNone},
    OptionSpec{Opt::Scheduler, 's', "scheduler", Arg::Required, kNone, G::Scheduler},
    OptionSpec{Opt::Pe, '\0', "pe", Arg::Required, kNone, G::Pe},
    OptionSpec{Opt::Persistent, 'p', "persistent", Arg::Optional, kNone, G::Persistent},
    OptionSpec{Opt::Netmask, 'M', "netmask", Arg::Required, kNone, G::Netmask},
    OptionSpec{Opt::RealServer, 'r', "real-server", Arg::Required, kNone, G::Server},
    OptionSpec{Opt::Masquerading, 'm', "masquerading", Arg::None, kNone, G::Forward},
    OptionSpec{Opt::Ipip, 'i', "ipip", Arg::None, kNone, G::Forward},
    OptionSpec{Opt::Gatewaying, 'g', "gatewaying", Arg::None, kNone, G::Forward},
    OptionSpec{Opt::Weight, 'w', "weight", Arg::Required, kNone, G::Weight},
    OptionSpec{Opt::UThreshold, 'x', "u-threshold", Arg::Required, kNone, G::UThreshold},
    OptionSpec{Opt::LThreshold, 'y', "l-threshold", Arg::Required, kNone, G::LThreshold},
    OptionSpec{Opt::Numeric, 'n', "numeric", Arg::None, kNone, G::Numeric},
    OptionSpec{Opt::Connection, 'c', "connection", Arg::None, kNone, G::Connection},
    OptionSpec{Opt::McastInterface, '\0', "mcast-interface", Arg::Required, kNone, G::McastIfn},
    OptionSpec{Opt::SyncId, '\0', "syncid", Arg::Required, kNone, G::SyncId},
    OptionSpec{Opt::Timeout, '\0', "timeout", Arg::None, kNone, G::Timeout},
    OptionSpec{Opt::Daemon, '\0', "daemon", Arg::None, kNone, G::Daemon},
    OptionSpec{Opt::Stats, '\0', "stats", Arg::None, kNone, G::Stats},
    OptionSpec{Opt::Rate, '\0', "rate", Arg::None, kNone, G::Rate},
    OptionSpec{Opt::Thresholds, '\0', "thresholds", Arg::None, kNone, G::Thresholds},
    OptionSpec{Opt::PersistentConn, '\0', "persistent-conn", Arg::None, kNone, G::PersistentConn},
    OptionSpec{Opt::NoSort, '\0', "nosort", Arg::None, kNone, G::NoSort},
    OptionSpec{Opt::Sort, '\0', "sort", Arg::None, kNone, kNone},
    OptionSpec{Opt::Exact, 'X', "exact", Arg::None, kNone, G::Exact},
    OptionSpec{Opt::Ops, 'o', "ops", Arg::None, kNone, G::Ops},
    OptionSpec{Opt::SchedFlags, 'b', "sched-flags", Arg::Required, kNone, G::SchedFlags},
    OptionSpec{Opt::McastGroup, '\0', "mcast-group", Arg::Required, kNone, G::McastGroup},
    OptionSpec{Opt::McastPort, '\0', "mcast-port", Arg::Required, kNone, G::McastPort},
    OptionSpec{Opt::McastTtl, '\0', "mcast-ttl", Arg::Required, kNone, G::McastTtl},
    OptionSpec{Opt::SyncMaxlen, '\0', "sync-maxlen", Arg::Required, kNone, G::SyncMaxlen},
    OptionSpec{Opt::TunInfo, '\0', "tun-info", Arg::None, kNone, G::TunInfo},
    OptionSpec{Opt::TunType, '\0', "tun-type", Arg::Required, kNone, G::TunType},
    OptionSpec{Opt::TunPort, '\0', "tun-port", Arg::Required, kNone, G::TunPort},
    OptionSpec{Opt::TunNoCsum, '\0', "tun-nocsum", Arg::None, kNone, G::TunNoCsum},
    OptionSpec{Opt::TunCsum, '\0', "tun-csum", Arg::None, kNone, G::TunCsum},
    OptionSpec{Opt::TunRemCsum, '\0', "tun-remcsum", Arg::None, kNone, G::TunRemCsum},
    // Ours (1.31 has no -j).
    OptionSpec{Opt::Json, 'j', "json", Arg::None, kNone, G::Json},
    OptionSpec{Opt::Pretty, '\0', "pretty", Arg::None, kNone, G::Pretty},
    OptionSpec{Opt::Metrics, '\0', "metrics", Arg::None, kNone, G::Metrics},
    OptionSpec{Opt::Netns, '\0', "netns", Arg::Required, kNone, G::Netns},
    OptionSpec{Opt::DryRun, '\0', "dry-run", Arg::None, kNone, G::DryRun},
    OptionSpec{Opt::Drain, '\0', "drain", Arg::None, kNone, G::Drain},
};

}  // namespace

const OptionSpec* find_long(std::string_view name) noexcept {
  if (name.empty()) return nullptr;
  for (const OptionSpec& spec : kTable) {
    if (spec.long_name == name) return &spec;
  }
  return nullptr;
}

namespace {

/// Index into kTable (+1) of each short option character; 0 where there is none.
constexpr std::array<std::uint8_t, 256> kShortIndex = [] {
  std::array<std::uint8_t, 256> index{};
  for (std::size_t i = 0; i < kTable.size(); ++i) {
    const auto c = static_cast<unsigned char>(kTable[i].short_name);
    if (c != 0 && index[c] == 0) index[c] = static_cast<std::uint8_t>(i + 1);
  }
  return index;
}();
static_assert(kTable.size() < 255);

}  // namespace

const OptionSpec* find_short(char c) noexcept {
  const std::uint8_t i = kShortIndex[static_cast<unsigned char>(c)];
  return i == 0 ? nullptr : &kTable[i - 1];
}

std::span<const OptionSpec> all_options() noexcept { return kTable; }

bool is_command(Opt id) noexcept { return id <= Opt::Version; }

}  // namespace ipvs::cli
