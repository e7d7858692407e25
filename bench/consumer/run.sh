#!/bin/bash
# The path users take, measured side by side with the Python peers.
#
# 1. Installs can4000-core and can4000-io (and their parent POM) into a PRIVATE local repository,
#    target/consumer-m2 (never ~/.m2; its first build downloads the plug-ins and dependencies from
#    Maven Central), then builds this consumer project against that repository only, so it sees the
#    published artifacts and their default dependencies, as a user's project does.
# 2. Serves the bench corpus on 127.0.0.1 (serve.py) and alternates, PAIRS times on the same
#    manifest: reference.py (the full download, the yardstick), reference_tensors.py, and each
#    can4000 run below; wall time and peak RSS of each, summed over the process tree (treerss.py).
# 3. Prints medians and the ratios of medians against reference.py.
#
# Runs (RUNS, default all):
#   tensors   TensorConsumer tensors: square + margin(0.1) + resize(224) + CHW ImageNet floats, JVM defaults
#   stream    TensorConsumer stream: Dataset.stream() with Cropper.reference(), JVM defaults
#   tensors_launcher  the same as tensors with bin/can4000's JVM flags
#   jar       java -jar can4000-examples/target/can4000.jar download (no JVM options)
#   launcher  bin/can4000 download
# Usage: bench/consumer/run.sh [-n ROWS] [-p PAIRS] [-s] (-s: skip the build)
# Environment: BENCH (default ../shared/bench beside the repository), RUNS, PORT (18093), SEED (1).
set -euo pipefail
ROWS=1000; PAIRS=3; SKIP_BUILD=0
while getopts n:p:s o; do case $o in n) ROWS=$OPTARG;; p) PAIRS=$OPTARG;; s) SKIP_BUILD=1;; *) exit 2;; esac; done
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/bench/consumer
BENCH=${BENCH:-$ROOT/../shared/bench}
RUNS=${RUNS:-tensors stream tensors_launcher jar launcher}
PY=/usr/bin/python3
M2=$ROOT/target/consumer-m2
B=$ROOT/target/consumer-bench
LAUNCHER_OPTS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx256m"
mkdir -p "$B"
if [ "$SKIP_BUILD" = 0 ]; then
  rm -rf "$M2/io/github/can4000"
  mvn -B -q -f "$ROOT/pom.xml" -pl can4000-core,can4000-io -am install -DskipTests -Dmaven.repo.local="$M2"
  mvn -B -q -f "$HERE/pom.xml" -Dmaven.repo.local="$M2" package dependency:build-classpath \
    -Dmdep.outputFile="$HERE/target/cp.txt"
fi
CP=$HERE/target/classes:$(cat "$HERE/target/cp.txt")
bash "$BENCH/setup.sh" > /dev/null
[ -f "$B/corpus/corpus.tsv" ] || "$PY" "$BENCH/make_corpus.py" "$B/corpus" --n 400 --seed 7 > /dev/null
PORT=${PORT:-18093}
M=$B/manifest.csv
"$PY" "$BENCH/make_manifest.py" --corpus "$B/corpus" --boxes "$BENCH/../data/can4000/all.csv" --port "$PORT" \
  --rows "$ROWS" --seed "${SEED:-1}" > "$M"
"$PY" "$BENCH/serve.py" "$B/corpus" --port "$PORT" > "$B/server.out" 2>&1 &
SRV=$!
trap 'kill -TERM $SRV 2>/dev/null; wait $SRV 2>/dev/null' EXIT
for _ in $(seq 50); do grep -q listening "$B/server.out" && break; sleep 0.2; done

cmd() {  # the command of run $1
  case $1 in
    reference) echo "$PY $BENCH/reference.py $M $B/out_ref --threads 8";;
    reference_tensors) echo "$PY $BENCH/reference_tensors.py $M --threads 8";;
    tensors) echo "java -cp $CP bench.TensorConsumer tensors $M";;
    stream) echo "java -cp $CP bench.TensorConsumer stream $M";;
    tensors_launcher) echo "java $LAUNCHER_OPTS -cp $CP bench.TensorConsumer tensors $M";;
    jar) echo "java -jar $ROOT/can4000-examples/target/can4000.jar download -q --manifest $M --out $B/out_jar";;
    launcher) echo "$ROOT/bin/can4000 download -q --manifest $M --out $B/out_launcher";;
  esac
}
uptime | tee "$B/uptime.txt"
: > "$B/times.tsv"
for i in $(seq "$PAIRS"); do
  for run in reference reference_tensors $RUNS; do
    rm -rf "$B"/out_*
    # shellcheck disable=SC2046
    # peak RSS of the whole process tree: java -jar starts a child JVM (JarLauncher)
    "$PY" "$HERE/treerss.py" "$B/t" -- $(cmd "$run") > "$B/$run.log" 2>&1 || { echo "$run failed:"; tail -5 "$B/$run.log"; exit 1; }
    echo "$i $run $(tail -1 "$B/t") $(grep -o 'ok=[0-9]*' "$B/$run.log" | tail -1)" | tee -a "$B/times.tsv"
  done
done
uptime | tee -a "$B/uptime.txt"
"$PY" - "$B/times.tsv" "$ROWS" <<'PYEOF'
import sys, statistics as st, collections
runs = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    f = line.split()
    runs[f[1]][int(f[0])] = (float(f[2]), float(f[3]) / 1024)
ref = runs["reference"]
print(f"{'run':18} {'wall s (median)':>16} {'peak RSS MB':>12} {'wall / ref':>11} {'RSS / ref':>10}")
for name, r in runs.items():
    pairs = sorted(set(r) & set(ref))
    wall = st.median(r[i][0] / ref[i][0] for i in pairs)
    rss = st.median(r[i][1] / ref[i][1] for i in pairs)
    print(f"{name:18} {st.median(v[0] for v in r.values()):16.2f} {st.median(v[1] for v in r.values()):12.0f}"
          f" {wall:11.2f} {rss:10.2f}")
PYEOF
