#!/usr/bin/zsh -f
# Drives the generated zsh completion of ipvsadm (no kernel) in a real
# interactive zsh on a pseudo-terminal (zsh/zpty): compinit finds _ipvsadm on
# $fpath, a line is typed, a widget runs complete-word, and a compadd wrapper
# prints each match that zsh's matching kept (compadd -O). The matches are
# then compared with the expected words.
# fakebin/ipvsadm prints a canned -Sn table and fakebin/ip canned interfaces
# and namespaces; they come first in PATH.
# Usage: test_zsh.zsh BUILT__ipvsadm_FILE
emulate -L zsh
setopt no_unset
zmodload zsh/zpty

here=${0:A:h}
script=${1:A}
work=$(mktemp -d)
trap 'zpty -d comp 2>/dev/null; rm -rf $work' EXIT
mkdir $work/fpath $work/files $work/files/sub
touch $work/files/rules.json $work/files/rules.txt
cp $script $work/fpath/_ipvsadm
integer failures=0 checks=0

zpty comp env -i PATH=$here/fakebin:/usr/bin:/bin HOME=$work TERM=dumb zsh -f -i
zpty -w comp "cd ${(q)work}/files"
zpty -w comp 'PS1=""; PS2=""; RPS1=""; LISTMAX=100000; bindkey -e; unsetopt zle_bracketed_paste 2>/dev/null'
zpty -w comp "fpath=(${(q)work}/fpath \$fpath); autoload -Uz compinit; compinit -u -D"
# Print every match compadd keeps; calls that only collect (-O -A -D) pass.
zpty -w comp 'compadd() {
  local __a; local -a __hits
  for __a in "$@"; do
    [[ $__a == -- ]] && break
    [[ $__a == -[OAD]* ]] && { builtin compadd "$@"; return }
  done
  builtin compadd -O __hits "$@"
  (( $#__hits )) && print -rl -- "<m>"${^__hits}
  builtin compadd "$@"
}'
zpty -w comp 'capture() { print -r -- "<begin>"; zle complete-word; print -r -- "<end>"; zle kill-whole-line }'
zpty -w comp 'zle -N capture; bindkey "^T" capture; print -r -- "<ready>"'
ready=
while zpty -r comp ready; do [[ $ready == '<ready>'* ]] && break; done

# matches LINE: the sorted matches zsh offers at the end of LINE.
matches() {
  local out chunk
  zpty -w -n comp "$1"$'\C-t'
  out=
  while zpty -r comp chunk; do
    out+=$chunk
    [[ $chunk == *'<end>'* ]] && break
  done
  out=${out//$'\r'/}
  out=${out#*<begin>}
  out=${out%%<end>*}
  print -rl -- ${(ou)${(M)${(f)out}:#<m>*}#<m>}
}

# is LINE -- WORD...: exactly these matches.
is() {
  local line=$1 got want
  shift 2
  (( checks++ ))
  got=$(matches $line)
  want=$(print -rl -- ${(ou)@})
  (( $# )) || want=
  if [[ $got != $want ]]; then
    (( failures++ ))
    print -r -- "FAIL [zsh] '$line': want exactly: $*"
    print -r -- "  got: ${(f)got}"
  fi
  return 0
}

# has LINE -- WORD...: these matches and maybe more; lacks: none of them.
has() {
  local line=$1 w
  local -a got
  shift 2
  (( checks++ ))
  got=(${(f)"$(matches $line)"})
  for w in $@; do
    (( ${got[(Ie)$w]} )) || { (( failures++ )); print -r -- "FAIL [zsh] '$line': missing $w"; print -r -- "  got: $got"; return 0 }
  done
}
lacks() {
  local line=$1 w
  local -a got
  shift 2
  (( checks++ ))
  got=(${(f)"$(matches $line)"})
  for w in $@; do
    (( ! ${got[(Ie)$w]} )) || { (( failures++ )); print -r -- "FAIL [zsh] '$line': unexpected $w"; print -r -- "  got: $got"; return 0 }
  done
}

# Commands, first word only.
has 'ipvsadm ' -- -A -E -D -C -R -S -a -e -d -L -l -Z --set --start-daemon --stop-daemon -h \
  --add-service --edit-service --delete-service --clear --restore --save --add-server \
  --edit-server --delete-server --list --zero --help --apply -v --version
lacks 'ipvsadm ' -- -t -s -r -n --tcp-service
is 'ipvsadm --st' -- --start-daemon --stop-daemon
is 'ipvsadm -Q -' --

# Options legal for the command typed (the legality matrix).
is 'ipvsadm -A -' -- -t --tcp-service -u --udp-service --sctp-service -f --fwmark-service \
  -s --scheduler -p --persistent -M --netmask -o --ops --pe -b --sched-flags --netns
has 'ipvsadm -A -f 1 -' -- -6 --ipv6 -s
lacks 'ipvsadm -A -t 10.0.0.1:80 -' -- -6 -t -f
is 'ipvsadm -a -t 10.0.0.1:80 -r 10.1.1.1 -m -w 2 --' -- --u-threshold --l-threshold \
  --tun-type --tun-port --tun-nocsum --tun-csum --tun-remcsum --netns
is 'ipvsadm -d -t 10.0.0.1:80 -' -- -r --real-server --netns
lacks 'ipvsadm -L -c -' -- -c --timeout --daemon -t -u -f --sctp-service
lacks 'ipvsadm -Ln -' -- -n --numeric
is 'ipvsadm -S -' -- -n --numeric -j --json --pretty --netns
is 'ipvsadm --start-daemon master --' -- --mcast-interface --syncid --mcast-group \
  --mcast-port --mcast-ttl --sync-maxlen --netns

# Option values.
has 'ipvsadm -A -t 10.0.0.1:80 -s ' -- rr wrr lc wlc lblc lblcr dh sh sed nq fo ovf mh
is 'ipvsadm -A -t 10.0.0.1:80 -s wl' -- wlc
is 'ipvsadm -A -t 10.0.0.1:80 --scheduler=lb' -- lblc lblcr
is 'ipvsadm -A -t 10.0.0.1:80 --pe ' -- sip
is 'ipvsadm -A -t 10.0.0.1:80 -s sh -b sh-fallback,sh-p' -- sh-port
is 'ipvsadm -a -t 10.0.0.1:80 -r 10.1.1.1 --tun-type ' -- ipip gue gre
is 'ipvsadm -a -t 10.0.0.1:80 -r 10.1.1.1 -w ' --
is 'ipvsadm --stop-daemon ' -- master backup
is 'ipvsadm --start-daemon master --mcast-interface ' -- lo eth0 veth0
is 'ipvsadm --start-daemon backup --netns ns1 --mcast-interface ' -- lo vip0
is 'ipvsadm -L --netns ' -- ns1 blue
is 'ipvsadm --apply r' -- rules.json rules.txt

# Existing services, from the ipvsadm in PATH (-Sn).
is 'ipvsadm -E -t ' -- 10.0.0.1:80 10.0.0.1:443 '[2001:db8::1]:80'
is 'ipvsadm -E -t 10.0.0.1:4' -- 10.0.0.1:443
# zsh users quote the '[' of an IPv6 service (a glob character).
is 'ipvsadm -D --tcp-service \[2001:db8:' -- '[2001:db8::1]:80'
is 'ipvsadm -d -u ' -- 10.0.0.2:53
is 'ipvsadm -e -f ' -- 7 9
is 'ipvsadm -L --sctp-service ' -- 10.0.0.3:3868
is 'ipvsadm -A -t ' --
is 'ipvsadm -E --netns ns1 -t ' -- 192.0.2.1:80
# Real servers of the service typed, for -e and -d.
is 'ipvsadm -d -t 10.0.0.1:80 -r ' -- 10.1.1.1:80 10.1.1.2:8080
is 'ipvsadm -e --tcp-service=10.0.0.1:80 -w 3 --real-server=10.1.1.2' -- 10.1.1.2:8080
is 'ipvsadm -d -f 9 -6 -r ' -- '[2001:db8::10]:0'
is 'ipvsadm -a -t 10.0.0.1:80 -r ' --
is 'ipvsadm -e -t \[2001:db8::1\]:80 -r ' -- '[2001:db8::20]:80'

# ipvsadm-save takes -n; ipvsadm-restore nothing.
is 'ipvsadm-save -' -- -n
is 'ipvsadm-save -n -' --
is 'ipvsadm-restore -' --

print -r -- "[zsh] $checks checks, $failures failed"
(( failures == 0 ))
