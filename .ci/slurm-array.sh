#!/usr/bin/env bash
# The README's SLURM array, run for real on a one-node SLURM started here (slurmctld and slurmd on localhost,
# with munge), over three inputs: two that track and one damaged TIFF that must fail with exit status 2.
# Needs root and Debian's packages (it installs slurm-wlm and munge when missing). Not part of .ci/run: a
# documented test profile, run by hand:  bash .ci/slurm-array.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=${SLURM_TEST_DIR:-/tmp/sam2-slurm-test}

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi
jar=$(ls target/SAM2_Tracker-*-all.jar 2>/dev/null | head -1 || true)
[ -n "$jar" ] || { mvn -B -q package -DskipTests; jar=$(ls target/SAM2_Tracker-*-all.jar | head -1); }

rm -rf "$work"; mkdir -p "$work"/{movies,prompts,results,spool,state,logs,opt}
cp "$jar" "$work/opt/SAM2_Tracker.jar"
cp test-data/clips/cells/cells-16bit.tif "$work/movies/a.tif"
cp test-data/clips/cells/cells-8bit.tif "$work/movies/b.tif"
head -c 5000 test-data/clips/cells/cells-16bit.tif > "$work/movies/c.tif"   # cut short: must fail
for n in a b c; do cp test-data/clips/cells/cells_prompts.zip "$work/prompts/${n}_prompts.zip"; done
model=$(pwd)/test-data/bundles/toy-blob-tracker

# munge and a one-node cluster on localhost.
mkdir -p /etc/munge /var/log/munge /run/munge
[ -s /etc/munge/munge.key ] || dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
chmod 400 /etc/munge/munge.key
pgrep -x munged >/dev/null || munged --force
cpus=$(nproc)
conf=$work/slurm.conf
cat > "$conf" <<CONF
ClusterName=sam2test
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/builtin
ReturnToService=2
SlurmdSpoolDir=$work/spool
StateSaveLocation=$work/state
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/logs/slurmctld.log
SlurmdLogFile=$work/logs/slurmd.log
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
MinJobAge=600
NodeName=localhost CPUs=$cpus RealMemory=4000 State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$conf
pkill -x slurmctld 2>/dev/null || true; pkill -x slurmd 2>/dev/null || true
slurmctld -c -f "$conf"
slurmd -f "$conf"
start=$(date +%s)
until sinfo -h -o %T 2>/dev/null | grep -q idle; do
  [ $(( $(date +%s) - start )) -lt 60 ] || { echo "SLURM did not start within 60 s"; tail -5 "$work"/logs/*.log; exit 1; }
  sleep 1
done
echo "slurm: up in $(( $(date +%s) - start )) s"

# The README's array script, with this machine's paths and sizes.
cat > "$work/track.sbatch" <<SCRIPT
#!/bin/bash
#SBATCH --job-name=sam2-track
#SBATCH --array=0-2%2
#SBATCH --cpus-per-task=1
#SBATCH --mem=1G
#SBATCH --time=00:10:00
#SBATCH --output=$work/logs/task-%a.out
files=($work/movies/*.tif)
input=\${files[\$SLURM_ARRAY_TASK_ID]}
java -Xmx1g -jar $work/opt/SAM2_Tracker.jar track "\$input" \\
  -p $work/prompts -m $model -o $work/results --device auto --quiet
SCRIPT
set +e
sbatch --wait --parsable "$work/track.sbatch" > "$work/job"
waited=$?
set -e
job=$(cut -d';' -f1 "$work/job")
fail=0
for task in 0 1 2; do
  code=$(scontrol show job "${job}_${task}" 2>/dev/null | sed -n 's/.*ExitCode=\([0-9]*\):.*/\1/p' | head -1)
  echo "task $task: exit status $code"
  expected=0; [ $task = 2 ] && expected=2
  [ "$code" = "$expected" ] || { echo "  expected $expected"; fail=1; }
done
for n in a b; do
  for suffix in -labels.tif -spots.csv -tracks.csv -trackmate.csv -ctc/res_track.txt -run.json; do
    [ -e "$work/results/$n$suffix" ] || { echo "missing: results/$n$suffix"; fail=1; }
  done
done
ls "$work"/results | grep -q '^c-' && { echo "the failed task left results"; fail=1; }
grep -q "c.tif" "$work/logs/task-2.out" || { echo "task 2 did not say what failed"; fail=1; }
echo "sbatch --wait returned $waited; task 2 said: $(head -c 300 "$work/logs/task-2.out")"
scancel "$job" 2>/dev/null || true
pkill -x slurmd || true; pkill -x slurmctld || true
[ $fail = 0 ] && echo "slurm array: every output and exit status as expected" || { echo "slurm array: FAILED"; exit 1; }
