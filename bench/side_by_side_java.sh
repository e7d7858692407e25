#!/bin/bash
# Side-by-side comparison of reference.py and can4000.jar on the bench manifest, both modes:
#   download: can4000.jar download (writes PNGs; compared crop by crop)
#   stream:   can4000.jar bench --mode stream (streams every Sample, writes nothing)
# Usage: bench/side_by_side_java.sh [-n ROWS] [-p PAIRS] [download|stream|both]
# can4000 runs through bin/can4000, as users run it: its JVM options and its class-data-sharing
# archive, which an untimed 60-row warm-up run per mode writes first (CDS=off turns it off).
# Environment: BENCH (default ../shared/bench beside the repository), DOWNLOAD_ARGS (extra download
# options, e.g. --no-lock), JAVA_OPTS (default: the launcher's
# -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx256m), DECODER (auto|imageio|opencv, default imageio),
# CP_EXTRA (jars appended to the class path, e.g. can4000-opencv and org.openpnp:opencv for opencv),
# CDS (on|off), and those of side_by_side.sh (CAN_BENCH_DIR, PORT, SEED, THREADS).
set -euo pipefail
ROWS=1000; PAIRS=3
while getopts n:p: o; do case $o in n) ROWS=$OPTARG;; p) PAIRS=$OPTARG;; *) exit 2;; esac; done
shift $((OPTIND - 1))
MODE=${1:-both}
HERE=$(cd "$(dirname "$0")/.." && pwd)
BENCH=${BENCH:-$HERE/../shared/bench}
JAR=$HERE/can4000-examples/target/can4000.jar
[ -f "$JAR" ] && ls "$HERE"/can4000-bench/target/can4000-bench-*.jar >/dev/null 2>&1 || { echo "build first: mvn -B -q -pl can4000-examples,can4000-bench -am package -DskipTests" >&2; exit 2; }
export CAN4000_JAR=$JAR CAN4000_CDS=${CDS:-on}
[ -n "${JAVA_OPTS:-}" ] && export CAN4000_JAVA_OPTS=$JAVA_OPTS
[ -n "${CP_EXTRA:-}" ] && export CAN4000_CLASSPATH=$CP_EXTRA
RUN=$HERE/bin/can4000
OPTS="${JAVA_OPTS:-launcher default} cds ${CDS:-on}"
warm_up() {  # writes the launcher's class-data-sharing archive for this subcommand, untimed
  [ "${CDS:-on}" = off ] || bash "$BENCH/side_by_side.sh" -n 60 -p 1 -- "$@" > /dev/null 2>&1 || true
}
uptime
if [ "$MODE" = download ] || [ "$MODE" = both ]; then
  echo "== download ($OPTS, decoder ${DECODER:-imageio})"
  warm_up "$RUN" download -q --decoder "${DECODER:-imageio}" --manifest {manifest} --out {out}
  bash "$BENCH/side_by_side.sh" -n "$ROWS" -p "$PAIRS" -- "$RUN" download -q ${DOWNLOAD_ARGS:-} \
    --decoder "${DECODER:-imageio}" --manifest {manifest} --out {out}
fi
if [ "$MODE" = stream ] || [ "$MODE" = both ]; then
  echo "== stream ($OPTS, decoder ${DECODER:-imageio}); the crop comparison does not apply: nothing is written"
  warm_up "$RUN" bench --mode stream --decoder "${DECODER:-imageio}" --manifest {manifest}
  bash "$BENCH/side_by_side.sh" -n "$ROWS" -p "$PAIRS" -- "$RUN" bench --mode stream \
    --decoder "${DECODER:-imageio}" --manifest {manifest}
fi
uptime
