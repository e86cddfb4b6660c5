#!/bin/bash
# Guest script for scripts/demo: the classic ipvsadm example, run first with ours
# (/ours/ipvsadm), then with the reference ipvsadm 1.31 (/ref/ipvsadm); then says
# whether the two `ipvsadm -Ln` listings are byte-identical. Exit 0 iff they are.
BASEPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
cmds=(
  "ipvsadm -A -t 10.0.0.1:80 -s rr"
  "ipvsadm -a -t 10.0.0.1:80 -r 192.168.1.2:80 -m"
  "ipvsadm -a -t 10.0.0.1:80 -r 192.168.1.3:80 -m"
  "ipvsadm -Ln"
)

run_side() { # SIDE TITLE -> listing in $work/SIDE.ln
  local side=$1 c rc
  echo "== $2"
  /ref/ipvsadm -C
  for c in "${cmds[@]}"; do
    echo "# $c"
    PATH=/$side:$BASEPATH bash -c "$c" >"$work/out" 2>&1
    rc=$?
    cat "$work/out"
    ((rc == 0)) || echo "# (exit status $rc)"
  done
  cp "$work/out" "$work/$side.ln"   # the last command is the listing
  echo
}

work=/tmp/demo.$$
mkdir -p "$work"
run_side ours "ours: /ours/ipvsadm"
run_side ref "reference: ipvsadm 1.31 (/ref/ipvsadm)"
/ref/ipvsadm -C
if cmp -s "$work/ref.ln" "$work/ours.ln"; then
  echo "== the -Ln outputs are byte-identical"
  rc=0
else
  echo "== the -Ln outputs DIFFER (reference vs ours):"
  diff -u -L reference -L ours "$work/ref.ln" "$work/ours.ln"
  rc=1
fi
rm -rf "$work"
exit $rc
