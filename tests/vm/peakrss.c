/* peakrss OUTFILE CMD [ARG...]: runs CMD, then writes its peak resident set size in KiB
 * (wait4's ru_maxrss) to OUTFILE; exits with CMD's status.
 * Used by tests/vm/bench-guest.sh. Built by scripts/bench as a static binary, so the
 * forked child's size before exec (which ru_maxrss also counts) is tiny. busybox
 * `time -f %M` is no substitute: busybox 1.35 takes ru_maxrss for pages and prints 4x. */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: peakrss OUTFILE CMD [ARG...]\n");
    return 125;
  }
  pid_t pid = fork();
  if (pid < 0) {
    perror("peakrss: fork");
    return 125;
  }
  if (pid == 0) {
    execvp(argv[2], argv + 2);
    perror("peakrss: exec");
    _exit(127);
  }
  int st;
  struct rusage ru;
  if (wait4(pid, &st, 0, &ru) < 0) {
    perror("peakrss: wait4");
    return 125;
  }
  FILE *f = fopen(argv[1], "w");
  if (!f || fprintf(f, "%ld\n", ru.ru_maxrss) < 0 || fclose(f) != 0) {
    perror("peakrss: write");
    return 125;
  }
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
