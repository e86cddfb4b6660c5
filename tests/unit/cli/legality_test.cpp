// The command x option matrix, row by row, through the whole parser: for
// every command and every option group, a minimal valid command line plus one
// option of that group must be refused exactly when the matrix says illegal.
#include "cli/legality.hpp"

#include <gtest/gtest.h>

#include <map>

#include "cli/parser.hpp"
#include "fakes/fake_names.hpp"

namespace ipvs::cli {
namespace {

using Args = std::vector<std::string>;

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
      {OptGroup::TunRemCsum, {"--tun-remcsum"}},
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
      const Cell cell = legality(cmd, group);
      if (cell == Cell::Required) continue;  // the base line has it already
      Args words = line;
      words.insert(words.end(), sample.begin(), sample.end());
      const ParseOutcome out = parse(words);
      const std::string illegal_text = std::string("Illegal '") + group_name(group) +
                                       "' option with the '" + command_name(cmd) + "' command\n";
      if (cell == Cell::Illegal) {
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
