#!/usr/bin/python3
"""Drives the generated bash completion in a real interactive bash on a
pseudo-terminal, so bash itself splits the line (all of COMP_WORDBREAKS,
quotes, redirections) and readline inserts the match (quoting it, adding '/'
or ' '). Each case types a line, presses TAB, and reads readline's buffer
back through a `bind -x` key; the buffer must equal the expected line.

Usage: bash_pty.py COMPLETION_DIR FAKEBIN CASES MODE
  COMPLETION_DIR  the built bash/ directory (ipvsadm and its two symlinks)
  FAKEBIN         the fake ipvsadm and ip, put first in PATH
  CASES           lines "TYPED => [LINE]", {TAB} standing for the key;
                  '#' lines and blank lines are skipped
  MODE            plain (the file sourced) or bash-completion (bash_completion
                  sourced, our file found by its lazy loader)
Exit 0 when every case matched.
"""

import os
import pty
import re
import select
import shutil
import sys
import tempfile
import time

TIMEOUT = 10.0


class Shell:
    def __init__(self, argv, env, cwd):
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(cwd)
            os.execve(argv[0], argv, env)
        self.pid, self.fd, self.buf = pid, fd, b""

    def send(self, text):
        os.write(self.fd, text.encode())

    def until(self, pattern):
        """Reads until `pattern` (a bytes regex) matches; returns the match."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            m = re.search(pattern, self.buf, re.S)
            if m:
                self.before = self.buf[:m.start()]
                self.buf = self.buf[m.end():]
                return m
            left = deadline - time.monotonic()
            if left <= 0:
                self.before = self.buf
                raise TimeoutError(self.buf[-400:])
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.fd, 4096)
                except OSError:
                    chunk = b""
                if not chunk:
                    raise EOFError(self.buf[-400:])
                self.buf += chunk

    def close(self):
        try:
            self.send("exit\n")
            os.waitpid(self.pid, 0)
        except OSError:
            pass
        os.close(self.fd)


def setup_files(work):
    files = os.path.join(work, "files")
    os.makedirs(os.path.join(files, "outdir"))
    for name in ("rules.txt", "my rules.json", "conf.v6", "old:rules"):
        open(os.path.join(files, name), "w").close()
    return files


def main():
    compdir, fakebin, cases_file = (os.path.abspath(a) for a in sys.argv[1:4])
    mode = sys.argv[4]
    with open(cases_file) as f:
        cases = []
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            m = re.fullmatch(r"(.*?) => \[(.*)\]", line)
            if not m:
                print(f"bad case line: {line}")
                return 1
            cases.append((m.group(1), m.group(2)))

    work = tempfile.mkdtemp()
    try:
        files = setup_files(work)
        env = {"PATH": f"{fakebin}:/usr/bin:/bin", "HOME": work, "TERM": "dumb",
               "INPUTRC": "/dev/null", "LC_ALL": "C.UTF-8"}
        setup = ["PS1=''; PS2=''", "bind 'set bell-style none'",
                 "bind 'set enable-bracketed-paste off'"]
        if mode == "bash-completion":
            user = os.path.join(work, "user", "completions")
            os.makedirs(user)
            for name in os.listdir(compdir):
                src = os.path.join(compdir, name)
                if os.path.islink(src):
                    os.symlink(os.readlink(src), os.path.join(user, name))
                else:
                    shutil.copy(src, user)
            env["BASH_COMPLETION_USER_DIR"] = os.path.join(work, "user")
            setup.append("source /usr/share/bash-completion/bash_completion")
            setup.append("type _init_completion >/dev/null || printf 'NO-%s\\n' BASH-COMPLETION")
        else:
            setup.append(f"source '{os.path.join(compdir, 'ipvsadm')}'")
            setup.append("complete -p ipvsadm >/dev/null || printf 'NO-%s\\n' IPVSADM-COMPLETION")
        # ^T prints readline's buffer between markers the echo cannot hold.
        setup.append("""bind -x '"\\C-t": printf "\\x3cL\\x3e%s\\x3c/L\\x3e\\n" "$READLINE_LINE"'""")
        setup.append("printf '\\x3cready\\x3e\\n'")
        shell = Shell(["/bin/bash", "--norc", "--noprofile", "-i"], env, files)
        failures = 0
        try:
            shell.send("\n".join(setup) + "\n")
            shell.until(rb"<ready>")
            for missing in (b"NO-BASH-COMPLETION", b"NO-IPVSADM-COMPLETION"):
                if missing in shell.before:
                    print(f"FAIL [{mode}/pty]: {missing.decode()}")
                    return 1
            for typed, want in cases:
                shell.send(typed.replace("{TAB}", "\t") + "\x14")
                got = shell.until(rb"<L>(.*?)</L>\r?\n").group(1).decode()
                shell.send("\x01\x0b")  # C-a C-k: empty the line again
                if got != want:
                    failures += 1
                    print(f"FAIL [{mode}/pty] '{typed}': got [{got}], want [{want}]")
        except (TimeoutError, EOFError) as e:
            print(f"FAIL [{mode}/pty]: bash did not answer: {e!r}")
            return 1
        finally:
            shell.close()
        print(f"[{mode}/pty] {len(cases)} checks, {failures} failed")
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
