// Replays every committed fuzz input (seed corpora and the inputs of crashes
// found and fixed) through the fuzz entry points, so a regression fails here
// without a fuzzer.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "fuzz/targets/fuzz_targets.hpp"

namespace {

using Entry = int (*)(const std::uint8_t*, std::size_t);

const std::map<std::string, Entry>& targets() {
  static const std::map<std::string, Entry> t = {
      {"cli_parser", ipvs::fuzz::cli_parser},
      {"restore_reader", ipvs::fuzz::restore_reader},
      {"netlink_decoder", ipvs::fuzz::netlink_decoder},
      {"proc_conn", ipvs::fuzz::proc_conn},
  };
  return t;
}

TEST(FuzzReplay, EveryCommittedInputRunsCleanly) {
  namespace fs = std::filesystem;
  int files = 0;
  for (const char* kind : {"corpus", "regressions"}) {
    for (const auto& [name, entry] : targets()) {
      const fs::path dir = fs::path(IPVS_TEST_DATA_DIR) / "fuzz" / kind / name;
      if (!fs::exists(dir)) continue;
      for (const auto& f : fs::directory_iterator(dir)) {
        std::ifstream in(f.path(), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        EXPECT_EQ(entry(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()), 0) << f.path();
        ++files;
      }
    }
  }
  EXPECT_GT(files, 20);
}

}  // namespace
