// libFuzzer entry for ipvs::fuzz::cli_parser (see targets/fuzz_targets.hpp).
#include "targets/fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return ipvs::fuzz::cli_parser(data, size);
}
