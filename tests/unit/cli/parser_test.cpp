#include "cli/parser.hpp"

#include <gtest/gtest.h>

#include "fakes/fake_names.hpp"

namespace ipvs::cli {
namespace {

using Args = std::vector<std::string>;

ParseOutcome parse(const Args& words, bool in_restore = false) {
  testing::FakeNames names;
  Args argv{"ipvsadm"};
  argv.insert(argv.end(), words.begin(), words.end());
  return parse_command_line(argv, names, in_restore);
}

Request ok(const Args& words) {
  ParseOutcome out = parse(words);
  EXPECT_EQ(out.kind, ParseOutcome::Kind::Run) << out.text;
  return out.request;
}

void expect_exit(const Args& words, int code, const std::string& text) {
  ParseOutcome out = parse(words);
  EXPECT_EQ(out.kind, ParseOutcome::Kind::Exit) << text;
  EXPECT_EQ(out.code, code) << text;
  EXPECT_EQ(out.text, text);
}

TEST(Parser, NoArgumentsListsAll) {
  EXPECT_EQ(ok({}).command, Command::List);
}

TEST(Parser, AddServiceDefaults) {
  Request r = ok({"-A", "-t", "10.0.0.1:80"});
  EXPECT_EQ(r.command, Command::Add);
  EXPECT_EQ(r.service.key.protocol, Protocol::Tcp);
  EXPECT_EQ(r.service.key.family, Family::Inet);
  EXPECT_EQ(r.service.key.address, *Address::parse("10.0.0.1"));
  EXPECT_EQ(r.service.key.port, 80);
  EXPECT_EQ(r.service.scheduler, "wlc");
  EXPECT_EQ(r.service.flags, 0u);
  EXPECT_EQ(r.service.netmask, 0xffffffffu);
}

TEST(Parser, PersistenceDefaultAndValue) {
  Request r = ok({"-A", "-t", "10.0.0.1:0", "-p"});
  EXPECT_EQ(r.service.flags, svc_flags::kPersistent);
  EXPECT_EQ(r.service.timeout, 360u);
  EXPECT_EQ(ok({"-A", "-t", "10.0.0.1:80", "-p", "600", "-s", "rr"}).service.timeout, 600u);
  expect_exit({"-A", "-t", "10.0.0.1:80", "-p", "rr"}, 2, "invalid timeout value `rr' specified\n");
  expect_exit({"-A", "-t", "10.0.0.1:80", "-p", "2678401"}, 2,
              "invalid timeout value `2678401' specified\n");
}

TEST(Parser, Ipv6ServiceAndNetmask) {
  Request r = ok({"-A", "-t", "[2001:db8::1]:80", "-p", "-M", "64"});
  EXPECT_EQ(r.service.key.family, Family::Inet6);
  EXPECT_EQ(r.service.netmask, 64u);
  expect_exit({"-A", "-t", "[2001:db8::1]:80", "-p", "-M", "200"}, 2, "illegal ipv6 netmask specified\n");
  // Before -t the mask is read as IPv4, then -t [v6] resets it to 128.
  EXPECT_EQ(ok({"-A", "-M", "64", "-t", "[2001:db8::1]:80", "-p"}).service.netmask, 128u);
}

TEST(Parser, Ipv6NetmaskIsReadWithAtoi) {
  // 1.31 reads the IPv6 -M with atoi: blanks, a sign, digits, the rest ignored;
  // strtol's value truncated to int.
  auto mask = [](const std::string& m) {
    return ok({"-A", "-t", "[2001:db8::1]:80", "-p", "-M", m}).service.netmask;
  };
  EXPECT_EQ(mask("64abc"), 64u);
  EXPECT_EQ(mask(" 5 "), 5u);
  EXPECT_EQ(mask("+5x"), 5u);
  EXPECT_EQ(mask("1e3"), 1u);
  EXPECT_EQ(mask("4294967301"), 5u);
  EXPECT_EQ(mask("-4294967295"), 1u);
  EXPECT_EQ(ok({"-A", "-f", "7", "-6", "-M", "4294967299"}).service.netmask, 3u);
  for (const char* bad : {"", "abc", "0x40", "-64", "0", "129", "2147483712", "9223372036854775808"}) {
    expect_exit({"-A", "-t", "[2001:db8::1]:80", "-p", "-M", bad}, 2, "illegal ipv6 netmask specified\n");
  }
  // Every other number must be used whole (strtol with an end check).
  expect_exit({"-a", "-t", "10.0.0.1:80", "-r", "10.0.0.2", "-w", "5x"}, 2, "illegal weight specified\n");
  expect_exit({"-a", "-t", "10.0.0.1:80", "-r", "10.0.0.2", "-w", "5 "}, 2, "illegal weight specified\n");
  EXPECT_EQ(ok({"-a", "-t", "10.0.0.1:80", "-r", "10.0.0.2", "-w", " +5"}).dest.weight, 5u);
}

TEST(Parser, Ipv4NetmaskIsDotted) {
  EXPECT_EQ(ok({"-A", "-t", "10.0.0.1:80", "-p", "-M", "255.255.255.0"}).service.netmask, 0xffffff00u);
  expect_exit({"-A", "-t", "10.0.0.1:80", "-M", "bad"}, 2,
              "illegal virtual server persistent mask specified\n");
}

TEST(Parser, ServiceAddressForms) {
  EXPECT_EQ(ok({"-A", "-t", "vip1.test:http"}).service.key.address, *Address::parse("10.0.0.1"));
  EXPECT_EQ(ok({"-A", "-t", "vip1.test:http"}).service.key.port, 80);
  EXPECT_EQ(ok({"-A", "-u", "10.0.0.1:domain"}).service.key.port, 53);
  EXPECT_EQ(ok({"-A", "-t", "1.2:80"}).service.key.address, *Address::parse("1.0.0.2"));
  const std::string bad = "illegal virtual server address[:port] specified\n";
  expect_exit({"-A", "-t", "12345"}, 2, bad);
  expect_exit({"-A", "-t", "[::1]"}, 2, bad);
  expect_exit({"-A", "-t", "10.0.0.1:65536"}, 2, bad);
  expect_exit({"-A", "-t", "10.0.0.1:nosuchport"}, 2, bad);
  expect_exit({"-A", "-t", "1.2.3.7.:80"}, 2, bad);
  expect_exit({"-A", "-t", "nosuchhost:80"}, 2, bad);
  // "domain" is not a TCP service name in this fake; it is for UDP.
  expect_exit({"-A", "--sctp-service", "10.0.0.1:http"}, 2, bad);
  // A bare IPv6 address has no port.
  expect_exit({"-A", "-t", "::4:80"}, 2, "Zero port specified for non-persistent service\n");
  // "[v4]:port" keeps the address and drops the port.
  expect_exit({"-A", "-t", "[10.0.0.3]:80"}, 2, "Zero port specified for non-persistent service\n");
}

TEST(Parser, FwmarkServices) {
  Request r = ok({"-A", "-f", "4294967295"});
  EXPECT_EQ(r.service.key.fwmark, 4294967295u);
  EXPECT_EQ(r.service.key.family, Family::Inet);
  Request v6 = ok({"-A", "-f", "7", "-6"});
  EXPECT_EQ(v6.service.key.family, Family::Inet6);
  EXPECT_EQ(v6.service.netmask, 128u);
  expect_exit({"-A", "-f", "0"}, 2, "invalid fwmark value `0' specified\n");
  expect_exit({"-A", "-f", "4294967296"}, 2, "invalid fwmark value `4294967296' specified\n");
  expect_exit({"-A", "-t", "10.0.0.1:80", "-6"}, 2, "-6 used before -f\n\n");
}

TEST(Parser, RealServerDefaultsAndPortForcing) {
  Request r = ok({"-a", "-t", "10.0.0.1:80", "-r", "192.168.1.2:8080"});
  EXPECT_EQ(r.dest.forward, Forward::Route);
  EXPECT_EQ(r.dest.port, 80);  // -g forces the service's port
  EXPECT_EQ(r.dest.weight, 1u);
  Request m = ok({"-a", "-t", "10.0.0.1:80", "-r", "192.168.1.2:8080", "-m", "-w", "5"});
  EXPECT_EQ(m.dest.port, 8080);
  EXPECT_EQ(m.dest.weight, 5u);
  EXPECT_EQ(ok({"-a", "-t", "10.0.0.1:80", "-r", "192.168.1.2", "-m"}).dest.port, 80);
  EXPECT_EQ(ok({"-e", "-t", "10.0.0.1:80", "-r", "192.168.1.2:8080", "-i"}).dest.port, 80);
  EXPECT_EQ(ok({"-d", "-t", "10.0.0.1:80", "-r", "192.168.1.2:8080"}).dest.port, 8080);
  EXPECT_EQ(ok({"-a", "-f", "1", "-r", "192.168.1.2:8080"}).dest.port, 8080);
  // -r before -t: no service port known yet.
  EXPECT_EQ(ok({"-a", "-r", "192.168.1.2", "-t", "10.0.0.1:80", "-m"}).dest.port, 0);
}

TEST(Parser, RealServerErrors) {
  expect_exit({"-a", "-t", "10.0.0.1:80", "-r", "bad host"}, 2,
              "illegal real server address[:port] specified\n");
  expect_exit({"-a", "-t", "10.0.0.1:80", "-r", "1.1.1.1", "-m", "-g"}, 2,
              "multiple 'forwarding-method' options specified\n");
  expect_exit({"-a", "-t", "10.0.0.1:80", "-r", "1.1.1.1", "-w", "2147483648"}, 2, "illegal weight specified\n");
  EXPECT_EQ(ok({"-a", "-t", "10.0.0.1:80", "-r", "1.1.1.1", "-w", "2147483647"}).dest.weight, 2147483647u);
  expect_exit({"-a", "-t", "10.0.0.1:80", "-r", "1.1.1.1", "-w", "-1"}, 2, "illegal weight specified\n");
  expect_exit({"-a", "-t", "10.0.0.1:80", "-r", "1.1.1.1", "-x", "x"}, 2, "illegal u_threshold specified\n");
  expect_exit({"-a", "-t", "10.0.0.1:80", "-r", "1.1.1.1", "-y", ""}, 2, "illegal l_threshold specified\n");
  expect_exit({"-a", "-t", "10.0.0.1:80", "-r", "[2001:db8::2]:80", "-m"}, 2,
              "Different address family is allowed only for tunneling servers\n");
  EXPECT_EQ(ok({"-a", "-t", "10.0.0.1:80", "-r", "[2001:db8::2]:80", "-i"}).dest.address.family, Family::Inet6);
}

TEST(Parser, ScheduleOptionIllegalWithAddServer) {
  expect_exit({"-a", "-t", "10.0.0.1:80", "-r", "1.1.1.1", "-s", "rr"}, 2,
              "Illegal 'scheduler' option with the 'add-server' command\n");
}

TEST(Parser, DuplicatesAndSecondCommands) {
  expect_exit({"-A", "-t", "10.0.0.1:80", "-s", "rr", "-s", "wrr"}, 2, "multiple 'scheduler' options specified\n");
  expect_exit({"-A", "-t", "10.0.0.1:80", "-f", "1"}, 2, "multiple 'service-address' options specified\n");
  expect_exit({"-L", "-L"}, 2, "invalid option `-L'\n");
  expect_exit({"-L", "-h"}, 2, "invalid option `-h'\n");
  expect_exit({"-Ln", "--list"}, 2, "invalid option `--list'\n");
}

TEST(Parser, InvalidOptionNamesTheLastWordRead) {
  // popt's poptBadOption: a command's value when it was the next word.
  expect_exit({"--start-daemon", "master", "--stop-daemon", "master"}, 2, "invalid option `master'\n");
  expect_exit({"-L", "--start-daemon", "backup"}, 2, "invalid option `backup'\n");
  expect_exit({"-L", "--stop-daemon", "-t", "10.0.0.1:80"}, 2, "invalid option `-t'\n");
  expect_exit({"-L", "--start-daemon", ""}, 2, "invalid option `'\n");
  expect_exit({"-L", "--stop-daemon=backup"}, 2, "invalid option `--stop-daemon=backup'\n");
  expect_exit({"-L", "-nA"}, 2, "invalid option `-nA'\n");
}

TEST(Parser, ValueForAShortOptionWithoutOne) {
  for (const Args& words : std::vector<Args>{{"-L", "-n=5"}, {"-Ln=5"}, {"-L", "-nc=5"}, {"-L", "-h=1"}}) {
    ParseOutcome out = parse(words);
    EXPECT_EQ(out.kind, ParseOutcome::Kind::Soft) << words.back();
    EXPECT_EQ(out.text, words.back() + ": option does not take an argument\n");
  }
  // As the first option it is popt's error on the command: try-help.
  const std::string help = "Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n";
  expect_exit({"-L=5"}, 255, help);
  expect_exit({"-h=1"}, 255, help);
  expect_exit({"-v=1"}, 255, help);
  EXPECT_EQ(ok({"-A", "-t", "10.0.0.1:80", "-p=7"}).service.timeout, 7u);  // takes a value: "7"
}

TEST(Parser, DaemonRoles) {
  Request r = ok({"--start-daemon", "master"});
  EXPECT_EQ(r.command, Command::StartDaemon);
  EXPECT_EQ(r.daemon.state, DaemonState::Master);
  EXPECT_EQ(ok({"--start-daemon=backup"}).daemon.state, DaemonState::Backup);
  r = ok({"--stop-daemon", "backup"});
  EXPECT_EQ(r.command, Command::StopDaemon);
  EXPECT_EQ(r.daemon.state, DaemonState::Backup);
  EXPECT_EQ(ok({"--stop-daemon", "master"}).daemon.state, DaemonState::Master);
  expect_exit({"--start-daemon", "Master"}, 2, "illegal start-daemon parameter specified\n");
  expect_exit({"--stop-daemon", "both"}, 2, "illegal start_daemon specified\n");
}

TEST(Parser, FirstWordMustBeACommand) {
  const std::string help = "Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n";
  expect_exit({"-n", "-L"}, 255, help);
  expect_exit({"foo"}, 255, help);
  expect_exit({"--bogus"}, 255, help);
  expect_exit({"--", "-L"}, 255, help);
  expect_exit({"-V"}, 255, help);
}

TEST(Parser, NestedRestoreIsRefused) {
  ParseOutcome out = parse({"-R"}, /*in_restore=*/true);
  EXPECT_EQ(out.kind, ParseOutcome::Kind::Exit);
  EXPECT_EQ(out.code, 255);
}

TEST(Parser, PoptErrorsAfterTheCommandAreSoft) {
  ParseOutcome out = parse({"-L", "--bogus"});
  EXPECT_EQ(out.kind, ParseOutcome::Kind::Soft);
  EXPECT_EQ(out.text, "--bogus: unknown option\n");
  EXPECT_EQ(parse({"-A", "-t"}).text, "-t: missing argument\n");
  // An error in an option before the bad one wins: options are handled in order.
  expect_exit({"-A", "-t", "bad", "--bogus"}, 2, "illegal virtual server address[:port] specified\n");
}

TEST(Parser, LeftoverWords) {
  expect_exit({"-L", "foo"}, 2, "unexpected argument foo\n");
  expect_exit({"-L", "--", "-n"}, 2, "unexpected argument -n\n");
  expect_exit({"--set", "1", "2"}, 2, "--set option requires 3 timeout values\n");
  expect_exit({"--set", "1", "2", "x"}, 2, "invalid timeout value `x' specified\n");
  Request r = ok({"--set", "900", "0", "300"});
  EXPECT_EQ(r.timeouts, (Timeouts{900, 0, 300}));
}

TEST(Parser, ZeroPortNeedsPersistence) {
  expect_exit({"-A", "-t", "10.0.0.1"}, 2, "Zero port specified for non-persistent service\n");
  EXPECT_EQ(ok({"-A", "-u", "10.0.0.1:0", "-o", "-p", "10"}).service.flags,
            svc_flags::kPersistent | svc_flags::kOnePacket);
  expect_exit({"-A", "-t", "10.0.0.1:80", "-o"}, 2, "One-Packet Scheduling is only for UDP virtual services\n");
}

TEST(Parser, SchedulerFlagsAreReadAfterLeftoverWords) {
  expect_exit({"-A", "-t", "10.0.0.2:80", "-b", "bogus", "extra"}, 2, "unexpected argument extra\n");
  expect_exit({"-E", "-t", "10.0.0.2:80", "-b", "sh-port", "extra"}, 2, "unexpected argument extra\n");
  expect_exit({"--set", "x", "2", "3", "-b", "bogus"}, 2, "invalid timeout value `x' specified\n");
  expect_exit({"--set", "1", "2", "-b", "bogus"}, 2, "--set option requires 3 timeout values\n");
  // ... and before the matrix and the post-parse checks.
  expect_exit({"-L", "-b", "bogus"}, 2, "invalid scheduler flag `bogus'\n");
  expect_exit({"-A", "-t", "10.0.0.1:0", "-b", "bogus"}, 2, "invalid scheduler flag `bogus'\n");
}

TEST(Parser, SchedulerFlagListIsCutAt127) {
  const std::string commas(120, ',');
  // sh-port + 120 commas = 127 bytes; what follows is never read.
  EXPECT_EQ(ok({"-A", "-t", "10.0.0.1:80", "-s", "sh", "-b", "sh-port" + commas + "sh-fallback"}).service.flags,
            svc_flags::kSched2);
  // A flag that ends exactly at the cut is read whole; one cut short is invalid.
  EXPECT_EQ(ok({"-A", "-t", "10.0.0.1:80", "-b", std::string(121, ',') + "flag-2XY"}).service.flags,
            svc_flags::kSched2);
  expect_exit({"-A", "-t", "10.0.0.1:80", "-b", std::string(122, ',') + "flag-2XY"}, 2,
              "invalid scheduler flag `flag-'\n");
}

TEST(Parser, SchedulerFlagListOfOnlyCommasIsRefused) {
  // 1.31 crashes on it (nothing applied); ours refuses it.
  expect_exit({"-A", "-t", "10.0.0.1:80", "-b", ","}, 2, "invalid scheduler flag `,'\n");
  expect_exit({"-E", "-t", "10.0.0.1:80", "-b", ",,,"}, 2, "invalid scheduler flag `,,,'\n");
}

TEST(Parser, OneServiceOrAll) {
  EXPECT_FALSE(ok({"-L"}).selected);
  EXPECT_FALSE(ok({"-Z"}).selected);
  EXPECT_EQ(ok({"-L", "-t", "10.0.0.1:80"}).selected->port, 80);
  EXPECT_EQ(ok({"-Z", "-f", "3"}).selected->fwmark, 3u);
  // -Z of the all-zero service zeroes everything, as 1.31's library sends no service.
  for (const char* svc : {"0.0.0.0:0", "[::]:0", "0:0", "0.0.0.0"}) {
    EXPECT_FALSE(ok({"-Z", "-t", svc}).selected) << svc;
    EXPECT_FALSE(ok({"-Z", "--sctp-service", svc}).selected) << svc;
  }
  EXPECT_TRUE(ok({"-Z", "-t", "0.0.0.1:0"}).selected);
  EXPECT_TRUE(ok({"-Z", "-u", "0.0.0.0:1"}).selected);
  EXPECT_TRUE(ok({"-Z", "-t", "[::1]:0"}).selected);
  // -L keeps the all-zero service: the kernel answers "No such service".
  EXPECT_TRUE(ok({"-L", "-t", "0.0.0.0:0"}).selected);
}

TEST(Parser, SchedulerFlagsAreCheckedBeforeTheMatrix) {
  expect_exit({"-A", "-t", "10.0.0.1:80", "-b", "flag-9", "-r", "1.1.1.1"}, 2, "invalid scheduler flag `flag-9'\n");
  expect_exit({"-A", "-t", "10.0.0.1:80", "-b", "sh-port"}, 2, "incompatible scheduler flag `sh-port'\n");
  EXPECT_EQ(ok({"-A", "-t", "10.0.0.1:80", "-s", "sh", "-b", "sh-fallback,sh-port"}).service.flags,
            svc_flags::kSched1 | svc_flags::kSched2);
  // Empty tokens are skipped, as strtok does.
  EXPECT_EQ(ok({"-A", "-t", "10.0.0.1:80", "-s", "sh", "-b", ",sh-port,"}).service.flags, svc_flags::kSched2);
  EXPECT_EQ(ok({"-A", "-t", "10.0.0.1:80", "-s", "sh", "-b", ""}).service.flags, 0u);
}

TEST(Parser, SchedulerNameIsCutTo15) {
  EXPECT_EQ(ok({"-A", "-t", "10.0.0.1:80", "-s", "verylongschedulername12345"}).service.scheduler,
            "verylongschedul");
}

TEST(Parser, HelpAndVersion) {
  ParseOutcome h = parse({"-h", "-L"});
  EXPECT_EQ(h.kind, ParseOutcome::Kind::Print);
  EXPECT_EQ(h.text.rfind("ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\nUsage:\n  ipvsadm -A|E", 0), 0u);
  ParseOutcome v = parse({"--version"});
  EXPECT_EQ(v.text, "ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\n");
}

}  // namespace
}  // namespace ipvs::cli

namespace ipvs::cli {
namespace {

TEST(Parser, JsonMetricsAndPretty) {
  EXPECT_EQ(ok({"-L"}).list.format, ListFormat::Text);
  EXPECT_EQ(ok({"-Lnj"}).list.format, ListFormat::Json);
  EXPECT_EQ(ok({"-S", "--json"}).list.format, ListFormat::Json);
  const Request pretty = ok({"-L", "--json", "--pretty", "-c"});
  EXPECT_TRUE(pretty.list.pretty);
  EXPECT_TRUE(pretty.list.connection);
  EXPECT_EQ(ok({"-L", "--metrics", "-t", "10.0.0.1:80"}).list.format, ListFormat::Metrics);
  expect_exit({"-L", "--pretty"}, 2, "The option 'pretty' needs the 'json' option\n");
  expect_exit({"-L", "--metrics", "--json"}, 2,
              "The option 'metrics' conflicts with the 'json' option in the 'list' command\n");
  expect_exit({"-L", "--metrics", "-c"}, 2,
              "The option 'metrics' conflicts with the 'connection' option in the 'list' command\n");
  expect_exit({"-L", "--timeout", "--metrics"}, 2,
              "The option 'metrics' conflicts with the 'timeout' option in the 'list' command\n");
  expect_exit({"-S", "--metrics"}, 2, "Illegal 'metrics' option with the 'save' command\n");
  expect_exit({"-A", "-t", "10.0.0.1:80", "-j"}, 2, "Illegal 'json' option with the 'add-service' command\n");
  expect_exit({"-L", "-j", "--json"}, 2, "multiple 'json' options specified\n");
}

TEST(Parser, Netns) {
  EXPECT_EQ(ok({"-L", "--netns", "blue"}).netns, "blue");
  EXPECT_EQ(ok({"-C", "--netns=/proc/1/ns/net"}).netns, "/proc/1/ns/net");
  // Before the command, as `ip -n NAME ...` has it.
  const Request before = ok({"--netns", "blue", "-a", "-t", "10.0.0.1:80", "-r", "192.168.1.2"});
  EXPECT_EQ(before.netns, "blue");
  EXPECT_EQ(before.command, Command::AddServer);
  EXPECT_EQ(ok({"--netns=red", "-L", "-n"}).netns, "red");
  expect_exit({"--netns", "blue", "-L", "--netns", "red"}, 2, "multiple 'netns' options specified\n");
  expect_exit({"-L", "--netns", ""}, 2, "illegal netns specified\n");
  expect_exit({"--netns", "blue"}, 255, "Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n");
  // -R reads its lines in the namespace the command line chose.
  const ParseOutcome in_restore = parse({"-A", "-t", "10.0.0.1:80", "--netns", "blue"}, true);
  EXPECT_EQ(in_restore.kind, ParseOutcome::Kind::Exit);
  EXPECT_EQ(in_restore.text, "Illegal 'netns' option with the 'restore' command\n");
  EXPECT_EQ(parse({"--netns", "blue", "-L"}, true).text, "Illegal 'netns' option with the 'restore' command\n");
}

}  // namespace
}  // namespace ipvs::cli
