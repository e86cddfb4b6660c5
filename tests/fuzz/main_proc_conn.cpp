// libFuzzer entry for ipvs::fuzz::proc_conn (see targets/fuzz_targets.hpp).
#include "targets/fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return ipvs::fuzz::proc_conn(data, size);
}
