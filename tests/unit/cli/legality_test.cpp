// The command x option matrix, row by row, through the whole parser: for
// every command and every option group, a minimal valid command line plus one
// option of that group must be refused exactly when 1.31's matrix says
// illegal. The expected cells are a literal copy of 1.31's matrix (below),
// not our table, so a typo in src/cli/legality.cpp fails here.
#include "cli/legality.hpp"

#include <gtest/gtest.h>

#include <array>
#include <map>
#include <string_view>
#include <utility>

#include "cli/parser.hpp"
#include "fakes/fake_names.hpp"

namespace ipvs::cli {
namespace {

using Args = std::vector<std::string>;

// ipvsadm 1.31's commands_v_options, transcribed from its behaviour
// (/work/shared/IPVSADM-1.31.md 1.4): one row per option, named as 1.31's
// messages name it; one column per command:
//   add-service edit-service delete-service flush list add-server
//   delete-server edit-server set start-daemon stop-daemon restore save zero
// '+' required, 'o' optional, '.' illegal, '1' at most one of the '1's.
constexpr std::array<std::pair<std::string_view, std::string_view>, 40> kReference = {{
    {"numeric", "....o.......o.."},
    {"connection", "....1.........."},
    {"service-address", "+++.1+++.....o."},
    {"scheduler", "oo............."},
    {"persistent", "oo............."},
    {"netmask", "oo............."},
    {"real-server", ".....+++......."},
    {"forwarding-method", ".....o.o......."},
    {"weight", ".....o.o......."},
    {"u-threshold", ".....o.o......."},
    {"l-threshold", ".....o.o......."},
    {"mcast-interface", ".........o....."},
    {"timeout", "....1.........."},
    {"daemon", "....1.........."},
    {"stats", "....o.........."},
    {"rate", "....o.........."},
    {"thresholds", "....o.........."},
    {"persistent-conn", "....o.........."},
    {"nosort", "....o.........."},
    {"syncid", "....o....oo...."},
    {"exact", "....o.........."},
    {"ops", "oo............."},
    {"pe", "oo............."},
    {"sched-flags", "oo............."},
    {"mcast-group", ".........o....."},
    {"mcast-port", ".........o....."},
    {"mcast-ttl", ".........o....."},
    {"sync-maxlen", ".........o....."},
    {"tun-info", "....o.........."},
    {"tun-type", ".....o.o......."},
    {"tun-port", ".....o.o......."},
    {"tun-nocsum", ".....o.o......."},
    {"tun-csum", ".....o.o......."},
    {"tun-remcsum", ".....o.o......."},
    // Ours, not 1.31's (its matrix ends above).
    {"json", "....o.......o.o"},
    {"pretty", "....o.......o.o"},
    {"metrics", "....o.........."},
    {"netns", "ooooooooooooooo"},
    {"dry-run", "..............o"},
    {"drain", "..............o"},
}};

constexpr std::array<std::string_view, 15> kReferenceCommands = {
    "add-service", "edit-service", "delete-service", "flush", "list", "add-server", "delete-server",
    "edit-server", "set", "start-daemon", "stop-daemon", "restore", "save", "zero", "apply"};

/// 1.31's cell for a command and an option group, looked up by their names.
char reference_cell(Command cmd, OptGroup group) {
  std::size_t col = kReferenceCommands.size();
  for (std::size_t c = 0; c < kReferenceCommands.size(); ++c) {
    if (kReferenceCommands[c] == command_name(cmd)) col = c;
  }
  for (const auto& [name, row] : kReference) {
    if (name == group_name(group) && col < row.size()) return row[col];
  }
  ADD_FAILURE() << "no reference cell for " << command_name(cmd) << " x " << group_name(group);
  return '?';
}

const std::map<Command, Args>& base_lines() {
  static const std::map<Command, Args> lines = {
      {Command::Add, {"-A", "-u", "10.0.0.1:53"}},
      {Command::Edit, {"-E", "-u", "10.0.0.1:53"}},
      {Command::Delete, {"-D", "-u", "10.0.0.1:53"}},
      {Command::Flush, {"-C"}},
      {Command::List, {"-L"}},
      {Command::AddServer, {"-a", "-u", "10.0.0.1:53", "-r", "192.168.1.2"}},
      {Command::DeleteServer, {"-d", "-u", "10.0.0.1:53", "-r", "192.168.1.2"}},
      {Command::EditServer, {"-e", "-u", "10.0.0.1:53", "-r", "192.168.1.2"}},
      {Command::SetTimeout, {"--set", "1", "2", "3"}},
      {Command::StartDaemon, {"--start-daemon", "master"}},
      {Command::StopDaemon, {"--stop-daemon", "master"}},
      {Command::Restore, {"-R"}},
      {Command::Save, {"-S"}},
      {Command::Zero, {"-Z"}},
      {Command::Apply, {"--apply", "rules.txt"}},
  };
  return lines;
}

const std::map<OptGroup, Args>& samples() {
  static const std::map<OptGroup, Args> s = {
      {OptGroup::Numeric, {"-n"}}, {OptGroup::Connection, {"-c"}},
      {OptGroup::Service, {"-u", "10.0.0.1:53"}}, {OptGroup::Scheduler, {"-s", "rr"}},
      {OptGroup::Persistent, {"-p"}}, {OptGroup::Netmask, {"-M", "255.255.255.0"}},
      {OptGroup::Server, {"-r", "192.168.1.2"}}, {OptGroup::Forward, {"-i"}},
      {OptGroup::Weight, {"-w", "2"}}, {OptGroup::UThreshold, {"-x", "5"}},
      {OptGroup::LThreshold, {"-y", "1"}}, {OptGroup::McastIfn, {"--mcast-interface", "eth1"}},
      {OptGroup::Timeout, {"--timeout"}}, {OptGroup::Daemon, {"--daemon"}},
      {OptGroup::Stats, {"--stats"}}, {OptGroup::Rate, {"--rate"}},
      {OptGroup::Thresholds, {"--thresholds"}}, {OptGroup::PersistentConn, {"--persistent-conn"}},
      {OptGroup::NoSort, {"--nosort"}}, {OptGroup::SyncId, {"--syncid", "3"}},
      {OptGroup::Exact, {"--exact"}}, {OptGroup::Ops, {"-o"}}, {OptGroup::Pe, {"--pe", "sip"}},
      {OptGroup::SchedFlags, {"-b", "flag-1"}}, {OptGroup::McastGroup, {"--mcast-group", "224.0.0.82"}},
      {OptGroup::McastPort, {"--mcast-port", "1234"}}, {OptGroup::McastTtl, {"--mcast-ttl", "2"}},
      {OptGroup::SyncMaxlen, {"--sync-maxlen", "1400"}}, {OptGroup::TunInfo, {"--tun-info"}},
      {OptGroup::TunType, {"--tun-type", "ipip"}}, {OptGroup::TunPort, {"--tun-port", "6080"}},
      {OptGroup::TunNoCsum, {"--tun-nocsum"}}, {OptGroup::TunCsum, {"--tun-csum"}},
      {OptGroup::TunRemCsum, {"--tun-remcsum"}}, {OptGroup::Json, {"--json"}},
      {OptGroup::Pretty, {"--pretty"}}, {OptGroup::Metrics, {"--metrics"}},
      {OptGroup::Netns, {"--netns", "blue"}}, {OptGroup::DryRun, {"--dry-run"}},
      {OptGroup::Drain, {"--drain"}},
  };
  return s;
}

ParseOutcome parse(const Args& words) {
  testing::FakeNames names;
  Args argv{"ipvsadm"};
  argv.insert(argv.end(), words.begin(), words.end());
  return parse_command_line(argv, names);
}

TEST(Legality, BaseLinesAreAccepted) {
  for (const auto& [cmd, line] : base_lines()) {
    const ParseOutcome out = parse(line);
    EXPECT_EQ(out.kind, ParseOutcome::Kind::Run) << command_name(cmd) << ": " << out.text;
    EXPECT_EQ(out.request.command, cmd);
  }
}

TEST(Legality, EveryCellOfTheMatrix) {
  int illegal = 0;
  int allowed = 0;
  for (const auto& [cmd, line] : base_lines()) {
    for (const auto& [group, sample] : samples()) {
      const char cell = reference_cell(cmd, group);
      if (cell == '+') continue;  // the base line has it already
      Args words = line;
      words.insert(words.end(), sample.begin(), sample.end());
      const ParseOutcome out = parse(words);
      const std::string illegal_text = std::string("Illegal '") + group_name(group) +
                                       "' option with the '" + command_name(cmd) + "' command\n";
      if (cell == '.') {
        ++illegal;
        EXPECT_EQ(out.kind, ParseOutcome::Kind::Exit) << command_name(cmd) << " " << group_name(group);
        EXPECT_EQ(out.code, 2);
        EXPECT_EQ(out.text, illegal_text);
      } else {
        ++allowed;
        EXPECT_EQ(out.text.find("Illegal '"), std::string::npos)
            << command_name(cmd) << " " << group_name(group) << ": " << out.text;
        EXPECT_EQ(out.text.find("You need"), std::string::npos) << out.text;
        EXPECT_EQ(out.text.find("conflicts"), std::string::npos) << out.text;
      }
    }
  }
  EXPECT_GT(illegal, 300);
  EXPECT_GT(allowed, 30);
}

TEST(Legality, OurTableIsTheReference) {
  const std::map<Cell, char> symbol = {
      {Cell::Illegal, '.'}, {Cell::Optional, 'o'}, {Cell::Required, '+'}, {Cell::OneOf, '1'}};
  for (std::size_t c = 0; c < static_cast<std::size_t>(Command::kCount); ++c) {
    for (std::size_t g = 0; g < static_cast<std::size_t>(OptGroup::kCount); ++g) {
      const auto cmd = static_cast<Command>(c);
      const auto group = static_cast<OptGroup>(g);
      EXPECT_EQ(symbol.at(legality(cmd, group)), reference_cell(cmd, group))
          << command_name(cmd) << " x " << group_name(group);
    }
  }
}

TEST(Legality, RequiredOptionsAreNamed) {
  EXPECT_EQ(parse({"-A"}).text, "You need to supply the 'service-address' option for the 'add-service' command\n");
  EXPECT_EQ(parse({"-a", "-t", "10.0.0.1:80"}).text,
            "You need to supply the 'real-server' option for the 'add-server' command\n");
  EXPECT_EQ(parse({"-d", "-r", "10.0.0.1"}).text,
            "You need to supply the 'service-address' option for the 'delete-server' command\n");
}

TEST(Legality, ExclusiveListOptionsNameTheLaterColumnFirst) {
  EXPECT_EQ(parse({"-L", "-c", "-t", "10.0.0.1:80"}).text,
            "The option 'service-address' conflicts with the 'connection' option in the 'list' command\n");
  EXPECT_EQ(parse({"-L", "--timeout", "-t", "10.0.0.1:80"}).text,
            "The option 'timeout' conflicts with the 'service-address' option in the 'list' command\n");
  EXPECT_EQ(parse({"-L", "--daemon", "--timeout"}).text,
            "The option 'daemon' conflicts with the 'timeout' option in the 'list' command\n");
}

TEST(Legality, ListFormatConflicts) {
  EXPECT_EQ(parse({"-L", "-c", "--stats"}).text, "options conflicts in the list command\n");
  EXPECT_EQ(parse({"-L", "--timeout", "--persistent-conn"}).text,
            "options conflicts in the list command\n");
  EXPECT_EQ(parse({"-L", "-c", "--persistent-conn"}).kind, ParseOutcome::Kind::Run);
}

}  // namespace
}  // namespace ipvs::cli
