#!/bin/bash
# Side-by-side comparison of reference.py and can4000.jar on the bench manifest, both modes:
#   download: can4000.jar download (writes PNGs; compared crop by crop)
#   stream:   can4000.jar bench --mode stream (streams every Sample, writes nothing)
# Usage: bench/side_by_side_java.sh [-n ROWS] [-p PAIRS] [download|stream|both]
# Environment: BENCH (default ../shared/bench beside the repository), DOWNLOAD_ARGS (extra download
# options, e.g. --no-lock), JAVA_OPTS (default: the launcher's
# -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx320m), DECODER (auto|imageio|opencv, default imageio),
# CP_EXTRA (jars appended to the class path, e.g. can4000-opencv and org.openpnp:opencv for opencv),
# and those of side_by_side.sh (CAN_BENCH_DIR, PORT, SEED, THREADS).
set -euo pipefail
ROWS=1000; PAIRS=3
while getopts n:p: o; do case $o in n) ROWS=$OPTARG;; p) PAIRS=$OPTARG;; *) exit 2;; esac; done
shift $((OPTIND - 1))
MODE=${1:-both}
HERE=$(cd "$(dirname "$0")/.." && pwd)
BENCH=${BENCH:-$HERE/../shared/bench}
JAR=$HERE/can4000-examples/target/can4000.jar
[ -f "$JAR" ] || { echo "build first: mvn -B -q -pl can4000-examples -am package -DskipTests" >&2; exit 2; }
read -r -a OPTS <<< "${JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx320m}"
CP=$JAR${CP_EXTRA:+:$CP_EXTRA}
MAIN=io.github.can4000.examples.cli.Main
uptime
if [ "$MODE" = download ] || [ "$MODE" = both ]; then
  echo "== download (${OPTS[*]}, decoder ${DECODER:-imageio})"
  bash "$BENCH/side_by_side.sh" -n "$ROWS" -p "$PAIRS" -- java "${OPTS[@]}" -cp "$CP" $MAIN download -q ${DOWNLOAD_ARGS:-} \
    --decoder "${DECODER:-imageio}" --manifest {manifest} --out {out}
fi
if [ "$MODE" = stream ] || [ "$MODE" = both ]; then
  echo "== stream (${OPTS[*]}, decoder ${DECODER:-imageio}); the crop comparison does not apply: nothing is written"
  bash "$BENCH/side_by_side.sh" -n "$ROWS" -p "$PAIRS" -- java "${OPTS[@]}" -cp "$CP" $MAIN bench --mode stream \
    --decoder "${DECODER:-imageio}" --manifest {manifest}
fi
uptime
