#!/usr/bin/env bash
# A real one-node SLURM cluster on localhost, for CI and for trying `./neuradapt sweep --slurm`
# without a site cluster. Runs as root on Debian (bookworm: slurm-wlm 22.05, munge 0.5.15).
#
#   experiments/slurm/local-cluster.sh up       [STATE_DIR]   install if needed, start munged/slurmctld/slurmd, wait for idle
#   experiments/slurm/local-cluster.sh selftest [STATE_DIR]   4-task sbatch --wait array + a failing array; prints timings
#   experiments/slurm/local-cluster.sh down     [STATE_DIR]   stop exactly the daemons `up` started
#   experiments/slurm/local-cluster.sh status   [STATE_DIR]   what runs, and the sinfo line
#
# STATE_DIR defaults to /tmp/neuradapt-slurm. Everything the cluster writes (slurm.conf, state,
# spool, logs, PID files) lives there; /etc/slurm is never written, so a system SLURM setup is
# untouched. Clients find this cluster through SLURM_CONF=STATE_DIR/slurm.conf (printed by `up`).
# Ports: NEURADAPT_SLURMCTLD_PORT (6817) and NEURADAPT_SLURMD_PORT (6818); all traffic is on 127.0.0.1.
set -euo pipefail

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; }

cmd="${1:-}"
case "$cmd" in
  up|down|selftest|status) ;;
  -h|--help|help|"") usage; exit 0 ;;
  *) echo "error: unknown command '$cmd'" >&2; usage >&2; exit 2 ;;
esac

state="${2:-/tmp/neuradapt-slurm}"
state="$(realpath -m "$state")"          # absolute: slurm.conf paths must not depend on the cwd
conf="$state/slurm.conf"
run="$state/run"; logs="$state/log"
ctld_port="${NEURADAPT_SLURMCTLD_PORT:-6817}"
slurmd_port="${NEURADAPT_SLURMD_PORT:-6818}"
node="$(hostname -s)"
munge_socket=/run/munge/munge.socket.2   # the default that slurm's auth/munge plugin uses
# the clients called below (sinfo, sbatch, ...) must talk to this cluster, never to a system one
export SLURM_CONF="$conf"

say() { echo "[local-cluster] $*"; }
die() { echo "local-cluster: $*" >&2; exit 1; }

# --- PID bookkeeping --------------------------------------------------------------------------
# A PID file alone is not proof: after a reboot or a crash the number may belong to another
# process, so a PID counts only while /proc says it runs the expected program.
pid_of() { # name -> PID if the daemon recorded under that name is alive, else nothing
  local f="$run/$1.pid" pid
  [[ -s "$f" ]] || return 0
  pid="$(tr -dc 0-9 < "$f")"
  [[ -n "$pid" && -r "/proc/$pid/comm" && "$(cat "/proc/$pid/comm" 2>/dev/null)" == "$1" ]] && echo "$pid"
  return 0
}

stop_daemon() { # name: TERM, wait up to 30 s, then KILL; a no-op when it is not running
  local name="$1" pid i
  pid="$(pid_of "$name")"
  if [[ -z "$pid" ]]; then rm -f "$run/$name.pid"; return 0; fi
  say "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 300; i++)); do
    [[ -d "/proc/$pid" ]] || break
    sleep 0.1
  done
  if [[ -d "/proc/$pid" ]]; then
    say "$name did not exit in 30 s; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$run/$name.pid"
}

munge_works() { # a credential round trip through the socket proves some munged serves it
  command -v munge > /dev/null && munge -n 2>/dev/null | unmunge > /dev/null 2>&1
}

port_busy() { # something accepts connections on 127.0.0.1:PORT (bash's /dev/tcp, no extra tools)
  (exec 3<> "/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

show_logs() {
  local f
  for f in "$logs"/slurmctld.log "$logs"/slurmd.log "$logs"/munged.log; do
    [[ -s "$f" ]] || continue
    echo "----- tail of $f" >&2
    tail -n 25 "$f" >&2
  done
}

# a failed start stops what it started, so CI is not left with half a cluster; the logs stay
rotate_log() { # keep one previous log, so a failure shows only this start's lines
  [[ -f "$logs/$1.log" ]] && mv -f "$logs/$1.log" "$logs/$1.log.1"
  return 0
}

fail_up() {
  show_logs
  do_down >&2
  echo "(logs kept in $logs)" >&2
  die "$*"
}

node_state() { sinfo -h -n "$node" -o '%T' 2>/dev/null | head -1 || true; }

# --- up ---------------------------------------------------------------------------------------
install_if_missing() {
  if command -v slurmctld > /dev/null && command -v slurmd > /dev/null && command -v sbatch > /dev/null \
     && command -v munged > /dev/null; then
    return 0
  fi
  [[ $(id -u) == 0 ]] || die "slurm-wlm/munge are not installed and installing needs root"
  say "installing slurm-wlm and munge with apt-get (seconds to a minute)"
  export DEBIAN_FRONTEND=noninteractive
  # another apt-get (a CI step, a parallel job) may hold the dpkg lock: wait for it, bounded
  local lock=(-o DPkg::Lock::Timeout=600)
  apt-get "${lock[@]}" update -qq
  apt-get "${lock[@]}" install -y -qq --no-install-recommends slurm-wlm munge > "$logs/apt-get.log" 2>&1 \
    || { tail -n 20 "$logs/apt-get.log" >&2; die "apt-get install slurm-wlm munge failed"; }
}

ensure_munge_key() {
  local key=/etc/munge/munge.key
  [[ -s "$key" ]] && return 0
  say "creating munge key $key (1024 random bytes)"
  mkdir -p /etc/munge
  dd if=/dev/urandom of="$key" bs=1024 count=1 status=none
  # owned by the munge user when the package created one, so the distribution's own munge
  # service can read it too; our root munged accepts that with --force
  if id munge > /dev/null 2>&1; then chown munge:munge "$key"; else chown root:root "$key"; fi
  chmod 400 "$key"
}

start_munged() {
  if munge_works; then
    if [[ -n "$(pid_of munged)" ]]; then say "munged already running (started by this script)"
    else say "munged already running (not ours: it will be left alone by 'down')"; fi
    return 0
  fi
  rm -f "$run/munged.pid"
  rotate_log munged
  mkdir -p /run/munge /var/lib/munge /var/log/munge
  say "starting munged"
  # --force: as root, munged refuses a key/dirs owned by the munge user and (without a seed) warns;
  # --force turns those refusals into warnings. Its PID file and log go into STATE_DIR so that
  # 'down' stops exactly this munged.
  munged --force --pid-file="$run/munged.pid" --log-file="$logs/munged.log" \
    || fail_up "munged failed to start"
  local i
  for ((i = 0; i < 50; i++)); do munge_works && break; sleep 0.1; done
  munge_works || fail_up "munged started but 'munge -n | unmunge' fails"
}

write_conf() {
  local cpus mem_mb
  cpus="$(nproc)"
  # slurmd drains a node whose configured RealMemory exceeds what it measures: stay 5 % below
  mem_mb="$(free -m | awk '/^Mem:/ { print int($2 * 0.95) }')"
  say "writing $conf (node $node: CPUs=$cpus RealMemory=$mem_mb MB)"
  cat > "$conf" <<EOF
# Written by experiments/slurm/local-cluster.sh: a one-node cluster on localhost.
ClusterName=neuradapt
# hostname(address): the controller is reached on loopback, whatever the machine's network
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
# everything runs as root: no slurm user, no system directories
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$state/state
SlurmdSpoolDir=$state/spool
SlurmctldPidFile=$run/slurmctld.pid
SlurmdPidFile=$run/slurmd.pid
SlurmctldLogFile=$logs/slurmctld.log
SlurmdLogFile=$logs/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# no cgroups (containers rarely delegate them): track processes by parent PID, no CPU binding
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
MailProg=/bin/true
# one CPU per allocation unit, memory not a consumable: an array of 1-CPU tasks fills every CPU
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
# a node that was down (e.g. after 'down' and 'up') returns to service on its own
ReturnToService=2
SlurmdTimeout=60
InactiveLimit=0
KillWait=5
# finished jobs stay visible to squeue/scontrol for 5 min (there is no accounting database)
MinJobAge=300
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
}

wait_idle() {
  local i s=""
  say "waiting (up to 60 s) for node $node to be idle"
  for ((i = 0; i < 120; i++)); do
    [[ -n "$(pid_of slurmctld)" ]] || fail_up "slurmctld exited during startup"
    [[ -n "$(pid_of slurmd)" ]] || fail_up "slurmd exited during startup"
    s="$(node_state)"
    case "$s" in
      idle|mixed|allocated|completing) return 0 ;;
      # slurmctld rejected the node's registration (e.g. fewer CPUs or less memory than
      # slurm.conf says): waiting will not help
      inval|drain*) fail_up "node $node is '$s': $(sinfo -h -n "$node" -o '%E' 2>/dev/null | head -1)" ;;
    esac
    sleep 0.5
  done
  fail_up "node $node not idle after 60 s (sinfo state: '${s:-no answer}')"
}

do_up() {
  mkdir -p "$run" "$logs"
  install_if_missing
  local ctld slurmd_pid
  ctld="$(pid_of slurmctld)"; slurmd_pid="$(pid_of slurmd)"
  if [[ -n "$ctld" && -n "$slurmd_pid" ]]; then
    say "already up: slurmctld pid $ctld, slurmd pid $slurmd_pid (nothing started)"
    wait_idle
  else
    # ports first, so that a clash with another SLURM (or anything) starts nothing at all
    if [[ -z "$ctld" ]] && port_busy "$ctld_port"; then
      die "port $ctld_port is taken by another program (another SLURM, or this cluster with another STATE_DIR? else set NEURADAPT_SLURMCTLD_PORT)"
    fi
    if [[ -z "$slurmd_pid" ]] && port_busy "$slurmd_port"; then
      die "port $slurmd_port is taken by another program (another SLURM, or this cluster with another STATE_DIR? else set NEURADAPT_SLURMD_PORT)"
    fi
    ensure_munge_key
    start_munged
    [[ -f "$conf" && -n "$ctld$slurmd_pid" ]] || write_conf   # never rewrite a config under a live daemon
    mkdir -p "$state/state" "$state/spool"
    if [[ -z "$ctld" ]]; then
      rotate_log slurmctld
      say "starting slurmctld"
      # -f and SLURM_CONF both name our file; slurmctld forks and writes SlurmctldPidFile
      slurmctld -f "$conf" || fail_up "slurmctld failed to start"
    fi
    if [[ -z "$slurmd_pid" ]]; then
      rotate_log slurmd
      say "starting slurmd"
      slurmd -f "$conf" || fail_up "slurmd failed to start"
    fi
    local i
    for ((i = 0; i < 50; i++)); do [[ -n "$(pid_of slurmctld)" && -n "$(pid_of slurmd)" ]] && break; sleep 0.1; done
    wait_idle
  fi
  say "up: $(sinfo -h -o '%P %a %D %T %C' | head -1) (partition avail nodes state CPUs A/I/O/T)"
  echo
  echo "To use this cluster from your shell:"
  echo "export SLURM_CONF=$conf"
}

# --- down -------------------------------------------------------------------------------------
do_down() {
  local any=0 i
  if [[ -n "$(pid_of slurmctld)" ]]; then
    any=1
    # jobs still running would leave slurmstepd processes behind once slurmd is gone: cancel them
    # (this private cluster holds only jobs submitted to it)
    if [[ -n "$(squeue -h -o %i 2>/dev/null || true)" ]]; then
      say "cancelling the jobs still queued or running"
      scancel --full $(squeue -h -o %i 2>/dev/null) 2>/dev/null || true
      for ((i = 0; i < 30; i++)); do [[ -z "$(squeue -h -o %i 2>/dev/null || true)" ]] && break; sleep 0.5; done
    fi
  fi
  [[ -n "$(pid_of slurmd)" ]] && any=1
  stop_daemon slurmd
  stop_daemon slurmctld
  # munged is stopped only when this script started it (its PID file is in STATE_DIR)
  [[ -n "$(pid_of munged)" ]] && any=1
  stop_daemon munged
  if [[ $any == 0 ]]; then say "nothing was running from $state"; else say "down"; fi
}

# --- status -----------------------------------------------------------------------------------
do_status() {
  local n p
  for n in munged slurmctld slurmd; do
    p="$(pid_of "$n")"
    if [[ -n "$p" ]]; then say "$n: running, pid $p"; else say "$n: not running from $state"; fi
  done
  if [[ -n "$(pid_of slurmctld)" ]]; then sinfo; fi
}

# --- selftest ---------------------------------------------------------------------------------
do_selftest() {
  [[ -n "$(pid_of slurmctld)" && -n "$(pid_of slurmd)" ]] || die "cluster not up; run: $0 up $state"
  local dir="$state/selftest" t0 t1 rc jobid i f
  rm -rf "$dir"; mkdir -p "$dir/out"
  # each task records what the calling code relies on: the task id, its cwd (sbatch's default
  # is the submit directory), nproc, and start/end times to show that tasks overlap
  cat > "$dir/task.sh" <<EOF
#!/bin/bash
set -eu
start=\$(date +%s.%N)
sleep 2
echo "task=\$SLURM_ARRAY_TASK_ID job=\$SLURM_ARRAY_JOB_ID pwd=\$(pwd) nproc=\$(nproc) cpus_on_node=\${SLURM_CPUS_ON_NODE:-} start=\$start end=\$(date +%s.%N)" > "$dir/out/task_\$SLURM_ARRAY_TASK_ID.txt"
[[ "\${FAIL_TASK:-}" != "\$SLURM_ARRAY_TASK_ID" ]] || exit 3
EOF
  chmod +x "$dir/task.sh"
  cd "$dir"   # the submit directory, which every task must see as its cwd

  say "submitting a 4-task array: sbatch --wait --array=0-3 (each task sleeps 2 s)"
  t0=$(date +%s.%N)
  rc=0
  jobid="$(sbatch --parsable --wait --array=0-3 --ntasks=1 --cpus-per-task=1 --job-name=neuradapt-selftest \
           --output="$dir/slurm-%A_%a.out" "$dir/task.sh")" || rc=$?
  t1=$(date +%s.%N)
  jobid="${jobid%%;*}"
  say "sbatch --wait returned $rc after $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s (job $jobid)"
  [[ $rc == 0 ]] || { cat "$dir"/slurm-*.out 2>/dev/null >&2 || true; die "selftest array failed: sbatch --wait exit $rc"; }
  for i in 0 1 2 3; do
    f="$dir/out/task_$i.txt"
    [[ -s "$f" ]] || die "selftest: task $i wrote no output ($f)"
    grep -q "pwd=$dir " "$f" || die "selftest: task $i ran outside the submit directory: $(cat "$f")"
    echo "  $(cat "$f")"
  done
  # the highest number of tasks whose [start, end] intervals overlap
  local conc
  conc="$(awk '{ for (k = 1; k <= NF; k++) { split($k, kv, "="); v[kv[1]] = kv[2] } print v["start"], 1; print v["end"], -1 }' \
          "$dir"/out/task_*.txt | sort -k1,1g -k2,2n | awk '{ c += $2; if (c > m) m = c } END { print m }')"
  say "tasks running at the same time: up to $conc (node has $(nproc) CPUs)"
  if [[ -n "$jobid" ]]; then
    # no accounting database, so sacct cannot answer; scontrol keeps finished jobs for MinJobAge
    local bad
    bad="$(scontrol -o show job "$jobid" 2>/dev/null | grep -v 'JobState=COMPLETED' | grep -o 'JobId=[0-9]* ' || true)"
    [[ -z "$bad" ]] || die "selftest: scontrol reports tasks not COMPLETED: $bad"
    say "scontrol: all $(scontrol -o show job "$jobid" | grep -c 'JobState=COMPLETED') array tasks COMPLETED ExitCode=0:0"
  fi

  say "submitting a 4-task array whose task 2 exits 3: sbatch --wait must fail"
  rm -f "$dir"/out/task_*.txt
  t0=$(date +%s.%N)
  rc=0
  FAIL_TASK=2 sbatch --parsable --wait --array=0-3 --ntasks=1 --job-name=neuradapt-selftest-fail \
    --output="$dir/slurm-%A_%a.out" "$dir/task.sh" > /dev/null || rc=$?
  t1=$(date +%s.%N)
  say "sbatch --wait returned $rc after $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s"
  [[ $rc != 0 ]] || die "selftest: sbatch --wait returned 0 although task 2 exited 3"
  say "selftest passed"
}

case "$cmd" in
  up) do_up ;;
  down) do_down ;;
  status) do_status ;;
  selftest) do_selftest ;;
esac
