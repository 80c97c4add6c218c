#!/bin/bash
# Brings up a single-node Slurm (Debian's slurm-wlm + munge) under /tmp and runs the sharded locate
# pipeline on a full-size world: SHARDS array tasks, the afterok merge, catalog-from-located; then
# checks that the merged result is byte-identical to one unsharded run. Run it by hand, as root
# (`apt-get install slurm-wlm munge` first); it is not part of CI. Every daemon it starts is stopped
# by its pid when the script ends, however it ends.
#   scripts/slurm/selftest.sh CLI [WORLD_DIR] [SHARDS]
# WORLD_DIR (default /tmp/tc-slurm-selftest/world) is made with ../shared/tools/make_world.py when absent.
set -euo pipefail
cli=$(readlink -f "${1:?usage: selftest.sh CLI [WORLD_DIR] [SHARDS]}")
root=${TC_SLURM_ROOT:-/tmp/tc-slurm-selftest}
world=${2:-$root/world}
shards=${3:-4}
here=$(cd "$(dirname "$0")" && pwd)
shared=${TC_SHARED_DIR:-$here/../../../shared}
[ "$(id -u)" = 0 ] || { echo "run as root (the daemons need it)" >&2; exit 2; }
for tool in munged slurmctld slurmd sbatch squeue sinfo; do
    command -v $tool > /dev/null || { echo "$tool missing: apt-get install slurm-wlm munge" >&2; exit 2; }
done

pids=()
stop() {
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2> /dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2> /dev/null || true; done
}
trap stop EXIT

rm -rf "$root/etc" "$root/state" "$root/spool" "$root/run" "$root/log" "$root/out"
mkdir -p "$root"/{etc,state,spool,run,log,out}
if [ ! -f "$world/tinyimages/tiny_images.bin" ]; then
    echo "making the full-size world in $world"
    /usr/bin/python3 "$shared/tools/make_world.py" --out "$world"
fi

# munge on its own socket, so a munged the machine may run is left alone.
sock=$root/run/munge.socket
munged --foreground --force --socket="$sock" --pid-file="$root/run/munged.pid" \
    --log-file="$root/log/munged.log" --seed-file="$root/run/munged.seed" &
pids+=($!)

host=$(hostname -s)
mem=$(($(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 1024))
cat > "$root/etc/slurm.conf" << CONF
ClusterName=tcselftest
SlurmctldHost=$host
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$sock
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
SlurmctldPort=16817
SlurmdPort=16818
StateSaveLocation=$root/state
SlurmdSpoolDir=$root/spool
SlurmctldPidFile=$root/run/slurmctld.pid
SlurmdPidFile=$root/run/slurmd.pid
SlurmctldLogFile=$root/log/slurmctld.log
SlurmdLogFile=$root/log/slurmd.log
NodeName=$host CPUs=$(nproc) RealMemory=$mem State=UNKNOWN
PartitionName=selftest Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$root/etc/slurm.conf
for _ in $(seq 50); do [ -S "$sock" ] && break; sleep 0.1; done
slurmctld -D -i -f "$SLURM_CONF" &
pids+=($!)
slurmd -D -f "$SLURM_CONF" &
pids+=($!)
for _ in $(seq 60); do
    sinfo -h -o %t 2> /dev/null | grep -qx idle && break
    sleep 1
done
sinfo

dataset=$world/cifar-10-batches-py/test_batch
start=$(date +%s.%N)
read -r array merge < <("$here/submit-locate.sh" "$shards" "$cli" "$dataset" "$world/tinyimages" "$root/out" "$dataset")
echo "array job $array, merge job $merge (afterok:$array)"
while squeue -h -j "$array,$merge" 2> /dev/null | grep -q .; do sleep 1; done
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
cat "$root/out"/tc-locate-*.log "$root/out"/tc-merge-*.log
[ -f "$root/out/located.csv" ] && [ -f "$root/out/keyword_counts.json" ] || { echo "FAILED: no merged result" >&2; exit 1; }
"$cli" locate --dataset "$dataset" --tiny "$world/tinyimages" --csv "$root/unsharded.csv" 2> "$root/log/unsharded.log"
tail -1 "$root/log/unsharded.log"
cmp "$root/out/located.csv" "$root/unsharded.csv"
echo "OK: $shards shards through Slurm in $elapsed s (queue to merged catalog); merged result byte-identical to the unsharded run"
