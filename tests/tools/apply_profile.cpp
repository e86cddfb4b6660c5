// apply_profile: runs `ipvsadm --apply FILE` (or -Sn) over the fake kernel
// loaded with the benchmark's table, so callgrind can count the
// instructions of --apply's own work on a host without IPVS. Not a test and
// not installed.
//
//   apply_profile SERVICESxDESTS apply|save
//
// The table is scripts/bench's (services 10.H.M.L:80 tcp rr, DESTS real
// servers 192.168.x.y:80 masq weight 1); `apply` applies the same rule set
// (nothing to do), `save` lists it with -Sn. The fake kernel's own work is
// in both: compare the two, or subtract FakeKernel's inclusive count.
#include <cstdio>
#include <fstream>
#include <string>

#include <fmt/format.h>

#include "fakes/cli_harness.hpp"

int main(int argc, char** argv) {
  unsigned services = 0, dests = 0;
  if (argc != 3 || std::sscanf(argv[1], "%ux%u", &services, &dests) != 2 || services == 0 || services > 64000) {
    std::fprintf(stderr, "usage: apply_profile SERVICESxDESTS apply|save\n");
    return 2;
  }
  std::string rules;
  unsigned n = 0;
  for (unsigned s = 0; s < services; ++s) {
    const std::string vip = fmt::format("10.{}.{}.{}:80", 1 + s / 65536, (s / 256) % 256, s % 256);
    rules += fmt::format("-A -t {} -s rr\n", vip);
    for (unsigned d = 0; d < dests; ++d, ++n) {
      rules += fmt::format("-a -t {} -r 192.{}.{}.{}:80 -m -w 1\n", vip, 168 + n / 65536, (n / 256) % 256, n % 256);
    }
  }
  const std::string path = "/tmp/apply_profile.rules";
  std::ofstream(path) << rules;
  ipvs::testing::CliHarness h;
  if (h.restore(rules) != 0) return 1;
  h.io.clear();
  const int rc = std::string(argv[2]) == "apply" ? h.run("--apply " + path) : h.run("-Sn");
  std::printf("exit %d, %zu bytes out, %zu bytes err\n", rc, h.io.out_text().size(), h.io.err_text().size());
  return rc;
}
