#include "cli/option_table.hpp"

#include <array>

namespace ipvs::cli {
namespace {

constexpr std::array kTable = {
    OptionSpec{Opt::AddService, 'A', "add-service", Arg::None},
    OptionSpec{Opt::EditService, 'E', "edit-service", Arg::None},
    OptionSpec{Opt::DeleteService, 'D', "delete-service", Arg::None},
    OptionSpec{Opt::Clear, 'C', "clear", Arg::None},
    OptionSpec{Opt::List, 'L', "list", Arg::None},
    OptionSpec{Opt::List, 'l', "", Arg::None},
    OptionSpec{Opt::Zero, 'Z', "zero", Arg::None},
    OptionSpec{Opt::AddServer, 'a', "add-server", Arg::None},
    OptionSpec{Opt::EditServer, 'e', "edit-server", Arg::None},
    OptionSpec{Opt::DeleteServer, 'd', "delete-server", Arg::None},
    OptionSpec{Opt::Set, '\0', "set", Arg::None},
    OptionSpec{Opt::Restore, 'R', "restore", Arg::None},
    OptionSpec{Opt::Save, 'S', "save", Arg::None},
    OptionSpec{Opt::StartDaemon, '\0', "start-daemon", Arg::Required},
    OptionSpec{Opt::StopDaemon, '\0', "stop-daemon", Arg::Required},
    OptionSpec{Opt::Help, 'h', "help", Arg::None},
    OptionSpec{Opt::Version, 'v', "version", Arg::None},
    OptionSpec{Opt::TcpService, 't', "tcp-service", Arg::Required},
    OptionSpec{Opt::UdpService, 'u', "udp-service", Arg::Required},
    OptionSpec{Opt::SctpService, '\0', "sctp-service", Arg::Required},
    OptionSpec{Opt::FwmarkService, 'f', "fwmark-service", Arg::Required},
    OptionSpec{Opt::Ipv6, '6', "ipv6", Arg::None},
    OptionSpec{Opt::Scheduler, 's', "scheduler", Arg::Required},
    OptionSpec{Opt::Pe, '\0', "pe", Arg::Required},
    OptionSpec{Opt::Persistent, 'p', "persistent", Arg::Optional},
    OptionSpec{Opt::Netmask, 'M', "netmask", Arg::Required},
    OptionSpec{Opt::RealServer, 'r', "real-server", Arg::Required},
    OptionSpec{Opt::Masquerading, 'm', "masquerading", Arg::None},
    OptionSpec{Opt::Ipip, 'i', "ipip", Arg::None},
    OptionSpec{Opt::Gatewaying, 'g', "gatewaying", Arg::None},
    OptionSpec{Opt::Weight, 'w', "weight", Arg::Required},
    OptionSpec{Opt::UThreshold, 'x', "u-threshold", Arg::Required},
    OptionSpec{Opt::LThreshold, 'y', "l-threshold", Arg::Required},
    OptionSpec{Opt::Numeric, 'n', "numeric", Arg::None},
    OptionSpec{Opt::Connection, 'c', "connection", Arg::None},
    OptionSpec{Opt::McastInterface, '\0', "mcast-interface", Arg::Required},
    OptionSpec{Opt::SyncId, '\0', "syncid", Arg::Required},
    OptionSpec{Opt::Timeout, '\0', "timeout", Arg::None},
    OptionSpec{Opt::Daemon, '\0', "daemon", Arg::None},
    OptionSpec{Opt::Stats, '\0', "stats", Arg::None},
    OptionSpec{Opt::Rate, '\0', "rate", Arg::None},
    OptionSpec{Opt::Thresholds, '\0', "thresholds", Arg::None},
    OptionSpec{Opt::PersistentConn, '\0', "persistent-conn", Arg::None},
    OptionSpec{Opt::NoSort, '\0', "nosort", Arg::None},
    OptionSpec{Opt::Sort, '\0', "sort", Arg::None},
    OptionSpec{Opt::Exact, 'X', "exact", Arg::None},
    OptionSpec{Opt::Ops, 'o', "ops", Arg::None},
    OptionSpec{Opt::SchedFlags, 'b', "sched-flags", Arg::Required},
    OptionSpec{Opt::McastGroup, '\0', "mcast-group", Arg::Required},
    OptionSpec{Opt::McastPort, '\0', "mcast-port", Arg::Required},
    OptionSpec{Opt::McastTtl, '\0', "mcast-ttl", Arg::Required},
    OptionSpec{Opt::SyncMaxlen, '\0', "sync-maxlen", Arg::Required},
    OptionSpec{Opt::TunInfo, '\0', "tun-info", Arg::None},
    OptionSpec{Opt::TunType, '\0', "tun-type", Arg::Required},
    OptionSpec{Opt::TunPort, '\0', "tun-port", Arg::Required},
    OptionSpec{Opt::TunNoCsum, '\0', "tun-nocsum", Arg::None},
    OptionSpec{Opt::TunCsum, '\0', "tun-csum", Arg::None},
    OptionSpec{Opt::TunRemCsum, '\0', "tun-remcsum", Arg::None},
};

}  // namespace

std::span<const OptionSpec> option_table() noexcept { return kTable; }

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

bool is_command(Opt id) noexcept { return id <= Opt::Version; }

}  // namespace ipvs::cli
