#!/bin/bash
# Drives the generated bash completion of ipvsadm (no kernel): sets COMP_WORDS,
# COMP_CWORD, COMP_LINE and COMP_POINT as bash would for a command line, calls
# the function `complete -p ipvsadm` names and checks COMPREPLY. Runs twice:
# in a bare bash, and with bash-completion's bash_completion loaded (there it
# also checks that the lazy loader finds ipvsadm-save's completion). After
# each, bash_pty.py types the lines of bash_pty_cases.txt into a real
# interactive bash on a pseudo-terminal and checks what TAB made of them, so
# bash's own word splitting (redirections, quotes, IPv6's ':') is covered too.
# fakebin/ipvsadm prints a canned -Sn table and fakebin/ip canned interfaces
# and namespaces; they come first in PATH.
# Usage: test_bash.sh BUILT_COMPLETION_FILE
set -u
here=$(cd "$(dirname "$0")" && pwd)
script=$1

if [[ ${2:-} != --inner ]]; then
  rc=0
  for mode in plain bash-completion; do
    env -i PATH="/usr/bin:/bin" HOME=/nonexistent \
      /bin/bash --norc --noprofile "$0" "$script" --inner "$mode" || rc=1
    # The same in a real interactive bash on a pseudo-terminal.
    /usr/bin/python3 "$here/bash_pty.py" "$(dirname "$script")" "$here/fakebin" \
      "$here/bash_pty_cases.txt" "$mode" || rc=1
  done
  exit $rc
fi

mode=$3
PATH=$here/fakebin:$PATH
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
checks=0

if [[ $mode == bash-completion ]]; then
  bc=/usr/share/bash-completion/bash_completion
  [[ -r $bc ]] || { echo "FAIL: $bc missing (scripts/install-deps)"; exit 1; }
  # shellcheck disable=SC1090
  source "$bc"
  type _init_completion >/dev/null 2>&1 || { echo "FAIL: bash-completion not loaded"; exit 1; }
  # Its loader looks a completion file up by the command's name.
  mkdir -p "$work/user/completions"
  cp -P "$(dirname "$script")"/* "$work/user/completions/"
  export BASH_COMPLETION_USER_DIR=$work/user
  ((checks++))
  if ! __load_completion ipvsadm-save || [[ $(complete -p ipvsadm-save 2>/dev/null) != *" -F _ipvsadm "* ]]; then
    echo "FAIL [$mode]: bash-completion's loader did not load ipvsadm-save's completion"
    ((failures++))
  fi
else
  # shellcheck disable=SC1090
  source "$script"
fi
func=$(complete -p ipvsadm)
func=${func#*-F }
func=${func%% *}

# comp LINE [POINT]: COMP_* as bash sets them, then the completion function.
# Like bash, the line is split at blanks and at every other COMP_WORDBREAKS
# character (a run of them is one word: "::", ">>"), not inside quotes or
# after a backslash. bash_pty.py checks the same cases in a real bash.
comp()
{
  COMP_LINE=$1
  COMP_POINT=${2:-${#1}}
  COMP_WORDS=()
  local i ch word='' start=0 kind='' cword=-1 q='' k at
  local -a starts=()
  for ((i = 0; i <= ${#COMP_LINE}; i++)); do
    ch=${COMP_LINE:i:1}
    at=$i
    if [[ -z $q && ( -z $ch || $ch == [[:space:]] ) ]]; then
      [[ -n $word ]] && { COMP_WORDS+=("$word"); starts+=("$start"); }
      word='' kind=''
      continue
    fi
    k=w
    if [[ -n $q ]]; then
      [[ $ch == "$q" ]] && q=''
    elif [[ $ch == [\'\"] ]]; then
      q=$ch
    elif [[ $ch == \\ ]]; then
      ch+=${COMP_LINE:i+1:1}
      ((i++))
    elif [[ $COMP_WORDBREAKS == *"$ch"* ]]; then
      k=b
    fi
    if [[ -n $word && $k != "$kind" ]]; then
      COMP_WORDS+=("$word")
      starts+=("$start")
      word=''
    fi
    [[ -z $word ]] && start=$at
    word+=$ch
    kind=$k
  done
  for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
    if ((starts[i] <= COMP_POINT && COMP_POINT <= starts[i] + ${#COMP_WORDS[i]})); then
      cword=$i
    fi
  done
  if ((cword < 0)); then
    COMP_WORDS+=("")
    cword=$((${#COMP_WORDS[@]} - 1))
  fi
  COMP_CWORD=$cword
  COMPREPLY=()
  "$func" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]:-}"
}

sorted() { printf '%s\n' "$@" | LC_ALL=C sort -u; }

report()
{
  ((failures++))
  echo "FAIL [$mode] '$1': $2"
  echo "  got: ${COMPREPLY[*]}"
}

# is LINE -- WORD...: COMPREPLY is exactly these words (any order).
is()
{
  local line=$1
  shift 2
  ((checks++))
  comp "$line"
  [[ $(sorted "${COMPREPLY[@]}") == "$(sorted "$@")" ]] || report "$line" "want exactly: $*"
}

# has LINE -- WORD...: COMPREPLY holds these words (and maybe more).
has()
{
  local line=$1 w
  shift 2
  ((checks++))
  comp "$line"
  for w in "$@"; do
    [[ " ${COMPREPLY[*]} " == *" $w "* ]] || { report "$line" "missing $w"; return; }
  done
}

# lacks LINE -- WORD...: COMPREPLY holds none of these words.
lacks()
{
  local line=$1 w
  shift 2
  ((checks++))
  comp "$line"
  for w in "$@"; do
    [[ " ${COMPREPLY[*]} " != *" $w "* ]] || { report "$line" "unexpected $w"; return; }
  done
}

# Commands, first word only.
has 'ipvsadm ' -- -A -E -D -C -R -S -a -e -d -L -l -Z --set --start-daemon --stop-daemon -h \
  --add-service --edit-service --delete-service --clear --restore --save --add-server \
  --edit-server --delete-server --list --zero --help --apply -v --version
lacks 'ipvsadm ' -- -t -s -r -n --tcp-service
is 'ipvsadm --st' -- --start-daemon --stop-daemon
is 'ipvsadm --ap' -- --apply
is 'ipvsadm -Q -' --
is 'ipvsadm -h -' --

# Options legal for the command typed (the legality matrix).
is 'ipvsadm -A -' -- -t --tcp-service -u --udp-service --sctp-service -f --fwmark-service \
  -s --scheduler -p --persistent -M --netmask -o --ops --pe -b --sched-flags --netns
is 'ipvsadm --add-service -t 10.0.0.1:80 -' -- -s --scheduler -p --persistent -M --netmask \
  -o --ops --pe -b --sched-flags --netns
has 'ipvsadm -A -f 1 -' -- -6 --ipv6 -s
lacks 'ipvsadm -A -f 1 -6 -' -- -6 --ipv6 -f -t
is 'ipvsadm -a -' -- -t --tcp-service -u --udp-service --sctp-service -f --fwmark-service \
  -r --real-server -m --masquerading -i --ipip -g --gatewaying -w --weight -x --u-threshold \
  -y --l-threshold --tun-type --tun-port --tun-nocsum --tun-csum --tun-remcsum --netns
is 'ipvsadm -a -t 10.0.0.1:80 -r 10.1.1.1 -m -w 2 --' -- --u-threshold --l-threshold \
  --tun-type --tun-port --tun-nocsum --tun-csum --tun-remcsum --netns
is 'ipvsadm -d -t 10.0.0.1:80 -' -- -r --real-server --netns
is 'ipvsadm -E -t 10.0.0.1:80 -s rr -' -- -p --persistent -M --netmask -o --ops --pe -b \
  --sched-flags --netns
is 'ipvsadm -D -' -- -t --tcp-service -u --udp-service --sctp-service -f --fwmark-service --netns
has 'ipvsadm -L -' -- -n -c --timeout --daemon -t -f --stats --rate --exact --json --metrics
lacks 'ipvsadm -L -' -- -s -r -m -w --mcast-interface --dry-run
lacks 'ipvsadm -L -c -' -- -c --timeout --daemon -t -u -f --sctp-service
has 'ipvsadm -L -c -' -- -n --stats
lacks 'ipvsadm -Ln -' -- -n --numeric
has 'ipvsadm -Ln -' -- --stats -c
is 'ipvsadm -S -' -- -n --numeric -j --json --pretty --netns
is 'ipvsadm -C -' -- --netns
is 'ipvsadm --apply rules.json --d' -- --dry-run --drain
is 'ipvsadm --start-daemon master --' -- --mcast-interface --syncid --mcast-group \
  --mcast-port --mcast-ttl --sync-maxlen --netns
is 'ipvsadm --stop-daemon master --' -- --syncid --netns
is 'ipvsadm -A -t 10.0.0.1:80 -p -' -- -s --scheduler -M --netmask -o --ops --pe -b \
  --sched-flags --netns
is 'ipvsadm -A -t 10.0.0.1:80 -p ' --

# Option values.
has 'ipvsadm -A -t 10.0.0.1:80 -s ' -- rr wrr lc wlc lblc lblcr dh sh sed nq fo ovf mh
lacks 'ipvsadm -A -t 10.0.0.1:80 -s ' -- ftp pe_sip sip
is 'ipvsadm -A -t 10.0.0.1:80 -s wl' -- wlc
is 'ipvsadm -A -t 10.0.0.1:80 --scheduler=lb' -- lblc lblcr
is 'ipvsadm -A -t 10.0.0.1:80 -s lblc --pe ' -- sip
is 'ipvsadm -A -t 10.0.0.1:80 -s sh -b sh-' -- sh-fallback sh-port
is 'ipvsadm -A -t 10.0.0.1:80 -s sh -b sh-fallback,sh-p' -- sh-fallback,sh-port
is 'ipvsadm -a -t 10.0.0.1:80 -r 10.1.1.1 --tun-type ' -- ipip gue gre
is 'ipvsadm -a -t 10.0.0.1:80 -r 10.1.1.1 --tun-type=g' -- gue gre
is 'ipvsadm -a -t 10.0.0.1:80 -r 10.1.1.1 -w ' --
is 'ipvsadm --start-daemon ' -- master backup
is 'ipvsadm --stop-daemon b' -- backup
is 'ipvsadm --start-daemon=m' -- master
is 'ipvsadm --start-daemon master --mcast-interface ' -- lo eth0 veth0
is 'ipvsadm --start-daemon backup --mcast-interface e' -- eth0
is 'ipvsadm --start-daemon backup --netns ns1 --mcast-interface ' -- lo vip0
is 'ipvsadm -L --netns ' -- ns1 blue
is 'ipvsadm -C --netns=b' -- blue
touch "$work/rules.json" "$work/rules.txt"
mkdir "$work/sub"
cd "$work" || exit 1
is 'ipvsadm --apply r' -- rules.json rules.txt
is 'ipvsadm --apply s' -- sub
touch "$work/my rules.json"
is 'ipvsadm --apply my\ r' -- 'my rules.json'
is 'ipvsadm --apply "my' -- 'my rules.json'
is "ipvsadm --apply='my" -- 'my rules.json'
is 'ipvsadm --apply=rules.t' -- rules.txt
# Redirections: their targets are file names, left out of ipvsadm's words.
is 'ipvsadm-restore < rules.t' -- rules.txt
is 'ipvsadm-restore <r' -- rules.json rules.txt
is 'ipvsadm -R < rules.j' -- rules.json
is 'ipvsadm-save -n > s' -- sub
is 'ipvsadm-save 2>rules.j' -- rules.json
is 'ipvsadm-save >> rules.j' -- rules.json
is 'ipvsadm -S -n <> rules.j' -- rules.json
is 'ipvsadm-restore < "my' -- 'my rules.json'
is 'ipvsadm-restore <<< r' --
is 'ipvsadm-restore << r' --
is 'ipvsadm-save > rules.txt -' -- -n
is 'ipvsadm-save 2> rules.txt -n ' --
is 'ipvsadm -S > rules.txt --nu' -- --numeric
is 'ipvsadm > rules.txt -S --nu' -- --numeric
is 'ipvsadm -A -t 10.0.0.1:80 -s rr 2>rules.t' -- rules.txt
is 'ipvsadm -A -t 10.0.0.1:80 -s wrr 2>/dev/null -' -- -p --persistent -M --netmask -o --ops \
  --pe -b --sched-flags --netns
cd - >/dev/null || exit 1

# Existing services, from the ipvsadm in PATH (-Sn).
is 'ipvsadm -E -t ' -- 10.0.0.1:80 10.0.0.1:443 '[2001:db8::1]:80'
is 'ipvsadm -E -t 10.0.0.1:' -- 80 443
is 'ipvsadm -E -t 10.0.0.1:4' -- 443
is 'ipvsadm -D --tcp-service [2001' -- '[2001:db8::1]:80'
is 'ipvsadm -D --tcp-service [2001:db8:' -- ':1]:80'
is 'ipvsadm -D --tcp-service [2001:db8::1]:' -- 80
is 'ipvsadm -a --tcp-service=10.0.0.1:4' -- 443
is 'ipvsadm -d -u ' -- 10.0.0.2:53
is 'ipvsadm -e -f ' -- 7 9
is 'ipvsadm -L --sctp-service ' -- 10.0.0.3:3868
is 'ipvsadm -Z -f 9 -6 -' -- --netns
is 'ipvsadm -A -t ' --
is 'ipvsadm -E --netns ns1 -t ' -- 192.0.2.1:80
# Real servers of the service typed, for -e and -d.
is 'ipvsadm -d -t 10.0.0.1:80 -r ' -- 10.1.1.1:80 10.1.1.2:8080
is 'ipvsadm -e --tcp-service=10.0.0.1:80 -w 3 --real-server=10.1.1.2' -- 10.1.1.2:8080
is 'ipvsadm -d -f 9 -6 -r ' -- '[2001:db8::10]:0'
is 'ipvsadm -a -t 10.0.0.1:80 -r ' --
is 'ipvsadm -d -r ' --
is 'ipvsadm -e -t [2001:db8::1]:80 -r [2001:db8::2' -- '20]:80'
is 'ipvsadm -E --netns=ns1 -t 192' -- 192.0.2.1:80
# With ':' not a word break, bash replaces the whole word.
saved=$COMP_WORDBREAKS
COMP_WORDBREAKS=${COMP_WORDBREAKS//:/}
is 'ipvsadm -E -t 10.0.0.1:' -- 10.0.0.1:80 10.0.0.1:443
COMP_WORDBREAKS=$saved

# The cursor inside the line: what is before it counts.
((checks++))
comp 'ipvsadm -A -s wl -t 10.0.0.1:80' 16
[[ "${COMPREPLY[*]}" == wlc ]] || report 'ipvsadm -A -s wl| -t 10.0.0.1:80' "want wlc"

# ipvsadm-save takes -n; ipvsadm-restore nothing.
is 'ipvsadm-save ' -- -n
is '/sbin/ipvsadm-save -' -- -n
is 'ipvsadm-save -n ' --
is 'ipvsadm-restore ' --
is 'ipvsadm-restore -' --

echo "[$mode] $checks checks, $failures failed"
((failures == 0))
