#!/bin/bash
# Guest side of scripts/bench: times ours (/ours/ipvsadm) against the reference
# ipvsadm 1.31 (/ref/ipvsadm) on large rule sets. Run by scripts/bench through
#   scripts/lab/run --ours BIN --suite tests/vm/bench-guest.sh --data DIR -- [OPTIONS] SIZE...
#
# SIZE is SERVICESxDESTS (e.g. 1000x4); the rule set is /tests/rules-SIZE.txt (one
# `-A ...` line per service followed by its `-a ...` lines, in -Sn order).
# Options: --reps N (default 5), --c-reps N (default 0: extra -C samples, below),
# --no-rss (skip the peak-RSS pass).
#
# Per size, in a network namespace of its own (so the kernel's dest trash holds only
# this size's real servers), and per repetition, for both tools in alternating order
# (odd repetitions ours first, even ones the reference first):
#   R_flush  -R of the rule set on a table just flushed with -C (the -C of the
#            previous tool, or of the untimed baseline load);
#   Ln, Sn   -Ln and -Sn of the loaded table (output to a tmpfs file);
#   Lj       ours only, right after its -Ln: -Ln --json of the same table (its
#            counts of services and real servers must be the table's);
#   C        -C of the loaded table.
# Then, with --c-reps N, N more -C samples per tool, alternating as above, in the
# same namespace and the same situation as the -C above (a table loaded right after
# a flush): ours reloads the rule set (untimed; it must print nothing, so the
# previous -C must have emptied the table), the guest waits for an idle CPU, and the
# -C is timed. They are recorded as op C with repetitions reps+1 .. reps+N: one -C
# is a single FLUSH request of a few tens of milliseconds, so 5 samples cannot tell
# the two tools apart through the kernel's run-to-run spread.
# Then --apply (issue 11), per repetition, in the same namespace, after the loop and
# the -C series above (so their conditions are unchanged: every op of theirs runs as
# before, and the apply ops' own table changes and flushes come after them) and before
# R_fresh (whose namespace teardowns would otherwise precede the first apply op). Once
# per size, first: the reference loads rules-SIZE-diff.txt (1% of the real servers
# differ: a third re-weighted, a third removed, a third added) untimed, its -Sn is the
# diff baseline (diff.sn), the reference flushes, ours reloads the rule set (untimed,
# checked) and flushes, so every repetition starts as the loop's -R does: an empty table
# right after a -C of the rule set's table. Then per repetition:
#   A_empty  ours --apply FILE onto that empty table (compared with ours' R_flush);
#   A_same   ours --apply FILE on the table it holds now (nothing to do: must print
#            nothing; compared with ours' Sn);
#            (repetition 1 only, untimed: `--apply DIFF --dry-run | wc -l`, the plan's
#            size, printed as META,plan_steps_SIZE,N)
#   A_diff   ours --apply DIFF on that table (checked against diff.sn), then ours
#            restores FILE with --apply FILE (untimed, checked);
#   CR_diff  per tool, alternating as above: -C then -R < DIFF, timed as one unit
#            (the classic reload, inside one bash in the namespace: no extra process),
#            on the table loaded from FILE, checked against diff.sn; then ours restores
#            FILE (untimed, --apply FILE, checked);
#   and an untimed -C by ours, which leaves the table empty for the next repetition
#   and for R_fresh.
# Last, per repetition and alternating too:
#   R_fresh  -R in a brand-new network namespace (empty dest trash), then the
#            namespace is deleted. (These come last: a namespace teardown between
#            two repetitions slowed the next -R after -C; see the loop.)
# After every -R the table is read back with the reference's -Sn and must be the
# baseline table (the reference's -Sn after an untimed load); every -Ln / -Sn output
# must be byte-identical to the reference's. Any mismatch or failing command aborts
# (exit 1). Before each timed command the guest waits until its CPU is idle (netns
# teardown and RCU work run asynchronously and would be billed to the next command).
# The clock is bash's $EPOCHREALTIME (microseconds), read inside the namespace just
# around the command, so `ip netns exec` is not timed.
# The floor (/usr/local/bin/ipvs_floor, tests/tools/ipvs_floor.c: one raw genl
# socket, identities only, restore pipelined in ~60 KiB datagrams) takes a turn
# too, at a position that rotates with the repetition (the ours/ref order above is
# unchanged): in the loop, ours loads the table (untimed), the floor's `list` is
# timed twice (recorded as Ln and Sn: one program serves both; its counts must be
# the table's), and the reference flushes (untimed); with R_fresh, its `restore`
# of the rule set, checked like the others.
# Peak RSS (--no-rss skips it): one extra untimed pass per size and tool, in a fresh
# namespace, of -R, -Ln, -Ln --json (ours: Lj), -Sn and -C under /usr/local/bin/peakrss (tests/vm/peakrss.c:
# wait4's ru_maxrss, KiB; busybox's `time -f %M` prints 4x the truth).
#
# Output lines (everything else is progress):
#   META,key,value
#   DATA,size,services,dests,lines,tool,op,rep,seconds
#   RSS,size,services,dests,lines,tool,op,kib
#   CALIB,size,rep,seconds   a fixed CPU-bound bash loop timed before each repetition:
#                            its spread shows how much the host's load slowed the guest
set -u
export LC_ALL=C
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
REF=/ref/ipvsadm
OURS=/ours/ipvsadm
FLOOR=/usr/local/bin/ipvs_floor
IP=/usr/sbin/ip
W=/tmp/bench
reps=5 creps=0 rss=1 sizes=()
while (($#)); do
  case $1 in
    --reps) reps=${2:?}; shift 2 ;;
    --reps=*) reps=${1#*=}; shift ;;
    --c-reps) creps=${2:?}; shift 2 ;;
    --c-reps=*) creps=${1#*=}; shift ;;
    --no-rss) rss=0; shift ;;
    -*) echo "bench: FATAL: unknown option $1"; exit 2 ;;
    *) sizes+=("$1"); shift ;;
  esac
done
[[ $reps =~ ^[1-9][0-9]*$ ]] || { echo "bench: FATAL: --reps must be a positive number"; exit 2; }
[[ $creps =~ ^[0-9]+$ ]] || { echo "bench: FATAL: --c-reps must be a number"; exit 2; }
((${#sizes[@]})) || { echo "bench: FATAL: no sizes given"; exit 2; }

note() { echo "bench: $*"; }
live_ns=()
cleanup_ns() {
  local n
  for n in "${live_ns[@]}"; do $IP netns del "$n" 2>/dev/null; done
  live_ns=()
}
die() { echo "bench: FATAL: $*"; cleanup_ns; exit 1; }
# A new namespace has no local routing table until an address exists, and without
# one the kernel calls every real server "not unicast" (EINVAL): bring lo up.
ns_add() {
  $IP netns add "$1" || die "ip netns add $1 failed"
  live_ns+=("$1")
  $IP -n "$1" link set lo up || die "ip -n $1 link set lo up failed"
}
ns_del() {
  $IP netns del "$1" || die "ip netns del $1 failed"
  local keep=() n
  for n in "${live_ns[@]}"; do [[ $n == "$1" ]] || keep+=("$n"); done
  live_ns=("${keep[@]}")
}
# nsx NS CMD... : run untimed inside NS, die on failure
nsx() { local ns=$1; shift; $IP netns exec "$ns" "$@" || die "$* (in $ns) failed"; }

[[ -n ${EPOCHREALTIME:-} ]] || die "this bash has no EPOCHREALTIME"
[[ -x $REF && -x $OURS && -x $IP && -x $FLOOR ]] || die "missing $REF, $OURS, $FLOOR or $IP"
((rss == 0)) || command -v peakrss >/dev/null || die "peakrss (tests/vm/peakrss.c) is not installed"
mkdir -p "$W" || die "mkdir $W"

# ------------------------------------------------------------------ CPU idle wait
# busy/total jiffies from /proc/stat's aggregate line
cpu_sample() {
  local _c u n s i io irq sirq st _rest
  read -r _c u n s i io irq sirq st _rest </proc/stat
  busy=$((u + n + s + irq + sirq + st)) total=$((u + n + s + i + io + irq + sirq + st))
}
# settle [N]: wait for N consecutive 0.2 s windows with the CPU < 8% busy (max ~40 s)
settle() {
  local need=${1:-1} got=0 tries=0 b0 t0 db dt
  cpu_sample; b0=$busy t0=$total
  while ((got < need && tries < 200)); do
    sleep 0.2
    cpu_sample
    db=$((busy - b0)) dt=$((total - t0)) b0=$busy t0=$total
    if ((dt > 0 && db * 100 < dt * 8)); then got=$((got + 1)); else got=0; fi
    tries=$((tries + 1))
  done
  ((got >= need)) || note "warning: the CPU did not become idle"
}

# ------------------------------------------------------------------ timing
# Runs inside the namespace: IN OUT ERR CMD... -> "t0 t1 rc"
TIMER='in=$1 out=$2 err=$3; shift 3
t0=$EPOCHREALTIME; "$@" <"$in" >"$out" 2>"$err"; rc=$?; t1=$EPOCHREALTIME
echo "$t0 $t1 $rc"'
# The classic reload as one timed unit: BIN -C, then BIN -R <IN (each must succeed)
TIMER_CR='in=$1 out=$2 err=$3 bin=$4
t0=$EPOCHREALTIME; "$bin" -C </dev/null >"$out" 2>"$err" && "$bin" -R <"$in" >>"$out" 2>>"$err"; rc=$?; t1=$EPOCHREALTIME
echo "$t0 $t1 $rc"'
usec() { local s=${1%.*} f=${1#*.}; echo $((10#$s * 1000000 + 10#$f)); }
# run_timed NS IN OUT CMD... : sets $secs; dies on a non-zero status or any stderr
# (with TIMER_CR in the environment's place: run_timed_cr NS IN OUT BIN, below)
run_timed() {
  local ns=$1 in=$2 out=$3 r t0 t1 rc d; shift 3
  r=$($IP netns exec "$ns" /bin/bash -c "${timer_code:-$TIMER}" timer "$in" "$out" "$W/err" "$@") ||
    die "ip netns exec $ns failed for: $*"
  read -r t0 t1 rc <<<"$r"
  if [[ $rc != 0 || -s $W/err ]]; then
    die "$* <$in (in $ns): exit status $rc, stderr: $(head -c 600 "$W/err")"
  fi
  d=$(($(usec "$t1") - $(usec "$t0")))
  printf -v secs '%d.%06d' $((d / 1000000)) $((d % 1000000))
}
# run_timed_cr NS IN OUT BIN : BIN -C then BIN -R <IN, timed as one unit
run_timed_cr() { timer_code=$TIMER_CR run_timed "$@"; }
sum_of() { local s; s=$(md5sum <"$1"); echo "${s%% *}"; }

# check_table NS WHAT [BASE]: the reference's -Sn must be the baseline table
# ($W/base.sn, or $W/BASE.sn with its sum in ${BASE}_sn)
check_table() {
  local b=${3:-base} want
  want=${b}_sn want=${!want}
  $IP netns exec "$1" $REF -Sn >"$W/chk" 2>&1 || die "reference -Sn failed after $2"
  if [[ $(sum_of "$W/chk") != "$want" ]]; then
    echo "bench: table after $2 differs from the $b baseline (diff baseline actual, first lines):"
    diff "$W/$b.sn" "$W/chk" | head -n 20
    die "table mismatch after $2"
  fi
}
# check_output FILE BASESUM WHAT: a listing must be byte-identical to the reference's
check_output() {
  if [[ $(sum_of "$1") != "$2" ]]; then
    echo "bench: output of $3 differs from the reference's (first lines):"
    diff "$4" "$1" | head -n 20
    die "output mismatch: $3"
  fi
}

bin_of() { [[ $1 == ours ]] && echo "$OURS" || echo "$REF"; }
# args_of OP: the command line of a listing or load op
args_of() { case $1 in Lj) echo "-Ln --json" ;; *) echo "-$1" ;; esac; }
# check_json FILE WHAT: one JSON line with the table's counts of services and real
# servers (every rule file's services are address services: one "address" each)
check_json() {
  local services addresses
  services=$(grep -o '"real_servers":' "$1" | wc -l)
  addresses=$(grep -o '"address":' "$1" | wc -l)
  [[ $(wc -l <"$1") == 1 && $services == "$S" && $addresses == $((S + S * D)) ]] ||
    die "$2 printed $(wc -l <"$1") lines, $services services, $addresses addresses (want 1, $S, $((S + S * D)))"
}
# order_for N: odd repetitions ours first, even ones the reference first
order_for() { if (($1 % 2)); then order=(ours ref); else order=(ref ours); fi; }
# order3_for N: order_for's pair with the floor inserted at position (N-1) % 3
order3_for() {
  order_for "$1"
  local at=$((($1 - 1) % 3))
  order=("${order[@]:0:at}" floor "${order[@]:at}")
}
# load_silently NS BIN WHAT [RULES]: untimed -R of the rule set (or RULES), which must
# succeed and print nothing
load_silently() {
  $IP netns exec "$1" "$2" -R <"${4:-$file}" >"$W/out" 2>&1 || { head -n 5 "$W/out"; die "$3 failed"; }
  [[ -s $W/out ]] && { head -n 5 "$W/out"; die "$3 printed something"; }
  return 0
}
# apply_silently NS RULES WHAT: untimed `ours --apply RULES`, which must succeed and print nothing
apply_silently() {
  $IP netns exec "$1" $OURS --apply "$2" </dev/null >"$W/out" 2>&1 || { head -n 5 "$W/out"; die "$3 failed"; }
  [[ -s $W/out ]] && { head -n 5 "$W/out"; die "$3 printed something"; }
  return 0
}
# timed_apply OP RULES REP BASE WHAT: settle, time `ours --apply RULES` in $NS (it must
# print nothing), record it as OP, check the table against BASE
timed_apply() {
  settle
  run_timed $NS /dev/null "$W/out" $OURS --apply "$2"
  echo "DATA,$tag,ours,$1,$3,$secs"
  [[ -s $W/out ]] && { head -n 5 "$W/out"; die "$5 printed something"; }
  check_table $NS "$5" "$4"
}
# timed_flush TOOL REP: settle, time TOOL's -C in $NS (which must print nothing), record it
timed_flush() {
  settle
  run_timed $NS /dev/null "$W/out" "$(bin_of "$1")" -C
  echo "DATA,$tag,$1,C,$2,$secs"
  [[ -s $W/out ]] && die "-C by $1 printed something"
  return 0
}

echo "META,kernel,$(uname -r)"
echo "META,guest_cpus,$(grep -c ^processor /proc/cpuinfo)"
echo "META,guest_mem_kib,$(awk '/^MemTotal/ {print $2}' /proc/meminfo)"
echo "META,reps,$reps"
echo "META,c_reps,$creps"
echo "META,ours_sha,$(sum_of $OURS)"
echo "META,ref_sha,$(sum_of $REF)"
echo "META,floor_sha,$(sum_of $FLOOR)"
echo "META,ours_is_ref,$([[ $(sum_of $OURS) == "$(sum_of $REF)" ]] && echo 1 || echo 0)"
t_all=$SECONDS

for size in "${sizes[@]}"; do
  [[ $size =~ ^([0-9]+)x([0-9]+)$ ]] || die "bad size $size (want SERVICESxDESTS)"
  S=${BASH_REMATCH[1]} D=${BASH_REMATCH[2]}
  file=/tests/rules-$size.txt
  [[ -f $file ]] || die "$file missing"
  lines=$(wc -l <"$file")
  tag="$size,$S,$D,$lines"
  note "== $size ($S services x $D real servers, $lines lines), $reps repetitions"
  t_size=$SECONDS
  NS=bsz
  ns_add $NS

  # Baseline: load with the reference (untimed), keep its -Sn and -Ln, flush.
  load_silently $NS $REF "baseline load by the reference"
  nsx $NS $REF -Sn >"$W/base.sn"
  nsx $NS $REF -Ln >"$W/base.ln"
  base_sn=$(sum_of "$W/base.sn") base_ln=$(sum_of "$W/base.ln")
  if cmp -s "$W/base.sn" "$file"; then
    note "the reference's -Sn of the loaded table is the rule set itself"
  else
    note "note: the reference's -Sn differs from the rule file (baseline = -Sn)"
  fi
  nsx $NS $REF -C

  for ((rep = 1; rep <= reps; rep++)); do
    order3_for $rep
    settle
    c0=$EPOCHREALTIME
    for ((i = 0; i < 20000; i++)); do :; done
    c1=$EPOCHREALTIME
    d=$(($(usec "$c1") - $(usec "$c0")))
    printf -v secs '%d.%06d' $((d / 1000000)) $((d % 1000000))
    echo "CALIB,$size,$rep,$secs"
    line=" calib=$secs"
    for tool in "${order[@]}"; do
      if [[ $tool == floor ]]; then
        load_silently $NS $OURS "load by ours for the floor (rep $rep)"
        line+=" floor:"
        for op in Ln Sn; do
          settle
          run_timed $NS /dev/null "$W/out" $FLOOR list
          echo "DATA,$tag,floor,$op,$rep,$secs"; line+=" $op=$secs"
          [[ $(<"$W/out") == "services $S dests $((S * D))" ]] ||
            die "floor list printed '$(head -c 200 "$W/out")', not services $S dests $((S * D))"
        done
        nsx $NS $REF -C
        continue
      fi
      bin=$(bin_of $tool)
      settle
      run_timed $NS "$file" "$W/out" "$bin" -R
      echo "DATA,$tag,$tool,R_flush,$rep,$secs"; line+=" $tool:R_flush=$secs"
      check_table $NS "-R after flush by $tool (rep $rep)"
      settle
      run_timed $NS /dev/null "$W/out" "$bin" -Ln
      echo "DATA,$tag,$tool,Ln,$rep,$secs"; line+=" Ln=$secs"
      check_output "$W/out" "$base_ln" "-Ln by $tool" "$W/base.ln"
      if [[ $tool == ours ]]; then
        settle
        run_timed $NS /dev/null "$W/out" "$bin" -Ln --json
        echo "DATA,$tag,$tool,Lj,$rep,$secs"; line+=" Lj=$secs"
        check_json "$W/out" "-Ln --json by $tool"
      fi
      settle
      run_timed $NS /dev/null "$W/out" "$bin" -Sn
      echo "DATA,$tag,$tool,Sn,$rep,$secs"; line+=" Sn=$secs"
      check_output "$W/out" "$base_sn" "-Sn by $tool" "$W/base.sn"
      timed_flush $tool $rep; line+=" C=$secs"
    done
    note "$size rep $rep/$reps:$line"
  done

  # More -C samples: ours reloads (untimed) right after the previous -C, then each
  # tool's -C is timed; the first reload is checked against the baseline table.
  for ((k = 1; k <= creps; k++)); do
    order_for $k
    line=""
    for tool in "${order[@]}"; do
      load_silently $NS $OURS "reload by ours for -C sample $k"
      ((k == 1)) && check_table $NS "reload by ours for the -C series"
      timed_flush $tool $((reps + k)); line+=" $tool:C=$secs"
    done
    note "$size -C sample $k/$creps:$line"
  done

  # --apply (issue 11): see the header for the protocol and why it comes here.
  dfile=/tests/rules-$size-diff.txt
  [[ -f $dfile ]] || die "$dfile missing"
  load_silently $NS $REF "baseline load of the diff rule set by the reference" "$dfile"
  nsx $NS $REF -Sn >"$W/diff.sn"
  diff_sn=$(sum_of "$W/diff.sn")
  [[ $diff_sn != "$base_sn" ]] || die "the diff rule set loads as the same table"
  nsx $NS $REF -C
  load_silently $NS $OURS "reload by ours for the --apply series"
  check_table $NS "reload by ours for the --apply series"
  nsx $NS $OURS -C
  for ((rep = 1; rep <= reps; rep++)); do
    order_for $rep
    line=""
    timed_apply A_empty "$file" $rep base "--apply onto an empty table (rep $rep)"; line+=" A_empty=$secs"
    timed_apply A_same "$file" $rep base "--apply of the loaded rule set (rep $rep)"; line+=" A_same=$secs"
    if ((rep == 1)); then
      $IP netns exec $NS $OURS --apply "$dfile" --dry-run </dev/null >"$W/plan" 2>"$W/err" ||
        die "--apply --dry-run failed: $(head -c 600 "$W/err")"
      [[ -s $W/err ]] && die "--apply --dry-run wrote on stderr: $(head -c 600 "$W/err")"
      steps=$(wc -l <"$W/plan")
      echo "META,plan_steps_$size,$steps"
      check_table $NS "--apply --dry-run"
      line+=" plan=${steps}_steps"
    fi
    timed_apply A_diff "$dfile" $rep diff "--apply of the diff rule set (rep $rep)"; line+=" A_diff=$secs"
    apply_silently $NS "$file" "restore by --apply after A_diff (rep $rep)"
    check_table $NS "restore by --apply after A_diff (rep $rep)"
    for tool in "${order[@]}"; do
      settle
      run_timed_cr $NS "$dfile" "$W/out" "$(bin_of $tool)"
      echo "DATA,$tag,$tool,CR_diff,$rep,$secs"; line+=" $tool:CR_diff=$secs"
      [[ -s $W/out ]] && die "-C + -R of the diff rule set by $tool printed something"
      check_table $NS "-C + -R of the diff rule set by $tool (rep $rep)" diff
      apply_silently $NS "$file" "restore by --apply after CR_diff (rep $rep)"
      check_table $NS "restore by --apply after CR_diff by $tool (rep $rep)"
    done
    nsx $NS $OURS -C
    note "$size apply rep $rep/$reps:$line"
  done

  # -R in fresh namespaces, after every measurement in $NS: tearing down a
  # namespace that holds the table leaves the kernel work (freeing its real
  # servers, RCU callbacks) that settle's idle test does not fully wait out, and
  # with these runs inside the loop above, the tool going first in repetitions
  # 2..N paid for it (in two full runs at 5000x4 its -R after -C took 10-40%
  # longer than when it went second), and with an odd count of repetitions that
  # is one tool more often than the other.
  for ((rep = 1; rep <= reps; rep++)); do
    order3_for $rep
    line=""
    for tool in "${order[@]}"; do
      ns_add bfresh
      settle
      if [[ $tool == floor ]]; then
        run_timed bfresh /dev/null "$W/out" $FLOOR restore "$file"
        [[ -s $W/out ]] && die "floor restore printed something"
      else
        run_timed bfresh "$file" "$W/out" "$(bin_of $tool)" -R
      fi
      echo "DATA,$tag,$tool,R_fresh,$rep,$secs"; line+=" $tool:R_fresh=$secs"
      check_table bfresh "-R in a fresh netns by $tool (rep $rep)"
      ns_del bfresh
      settle 3
    done
    note "$size fresh netns rep $rep/$reps:$line"
  done

  if ((rss)); then
    for tool in ours ref; do
      bin=$(bin_of $tool)
      ns_add brss
      settle
      line=""
      for op in R Ln Lj Sn C; do
        [[ $op == Lj && $tool != ours ]] && continue
        in=/dev/null; [[ $op == R ]] && in=$file
        # shellcheck disable=SC2046  # args_of's words are the command's arguments
        $IP netns exec brss peakrss "$W/rss" "$bin" $(args_of $op) <"$in" >"$W/out" 2>"$W/err" ||
          die "rss pass: $tool -$op failed: $(head -c 600 "$W/err")"
        kib=$(tail -n 1 "$W/rss")
        [[ $kib =~ ^[0-9]+$ ]] || die "rss pass: peakrss wrote '$kib'"
        echo "RSS,$tag,$tool,$op,$kib"; line+=" $op=${kib}KiB"
      done
      ns_del brss
      settle 3
      note "$size peak RSS $tool:$line"
    done
  fi
  ns_del $NS
  settle 3
  note "$size done in $((SECONDS - t_size)) s"
done
note "all done in $((SECONDS - t_all)) s"
