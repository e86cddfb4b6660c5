#include "cli/modprobe.hpp"

#include <sys/wait.h>
#include <unistd.h>

namespace ipvs::cli {

int modprobe_ip_vs() {
  const pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    char prog[] = "/sbin/modprobe";
    char dashes[] = "--";
    char module[] = "ip_vs";
    char* argv[] = {prog, dashes, module, nullptr};
    execv(prog, argv);
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace ipvs::cli
