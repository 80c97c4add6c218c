#!/bin/bash
# Queues a sharded `locate` on a Slurm cluster: an array job of SHARDS tasks (one record range each)
# and a merge job that waits for all of them (afterok: a failed shard leaves no merged result).
#   scripts/slurm/submit-locate.sh SHARDS CLI DATASET TINY_DIR OUT_DIR [LABELS]
# Prints the two job ids. OUT_DIR must be visible from every node.
set -euo pipefail
[ $# -ge 5 ] || { sed -n '2,5p' "$0" >&2; exit 2; }
shards=$1
here=$(cd "$(dirname "$0")" && pwd)
export TC_CLI=$(readlink -f "$2") TC_DATASET=$(readlink -f "$3") TC_TINY=$(readlink -f "$4") TC_OUT=$5
export TC_LABELS=${6:+$(readlink -f "$6")}
case $shards in '' | *[!0-9]* | 0) echo "SHARDS must be a positive number" >&2; exit 2 ;; esac
mkdir -p "$TC_OUT"
if compgen -G "$TC_OUT/shard-*.csv" > /dev/null; then
    echo "$TC_OUT already holds shard CSVs: use an empty folder (a stale shard would be merged)" >&2
    exit 2
fi
array=$(sbatch --parsable --chdir="$TC_OUT" --export=ALL --array=0-$((shards - 1)) "$here/locate-shard.sbatch")
merge=$(sbatch --parsable --chdir="$TC_OUT" --export=ALL --dependency=afterok:"$array" "$here/merge-shards.sbatch")
echo "$array $merge"
