#!/usr/bin/env bash
# A soak test of `serve`: 8 clients load it for the given minutes while bench-serve samples the
# interval's latency and the server's memory, heap after collections, threads and open files
# every 10 s (docs/reliability.md). Writes OUTDIR/soak.csv, OUTDIR/soak.png, OUTDIR/bench.txt
# (the table and the trends) and OUTDIR/serve.log, then stops the server with SIGTERM.
#
#   scripts/soak-serve.sh MODEL CORPUS MINUTES OUTDIR [PORT]
#
# Keep the server running afterwards (to fuzz it, say) with KEEP_SERVING=1.
set -euo pipefail
model=${1:?MODEL}
corpus=${2:?CORPUS}
minutes=${3:?MINUTES}
out=${4:?OUTDIR}
port=${5:-8095}
jar=${SEQ2SEQ_JAR:-seq2seq-app/target/seq2seq.jar}
mkdir -p "$out"
java -jar "$jar" serve "$model" --port "$port" > "$out/serve.log" 2>&1 &
server=$!
until grep -q "listening on" "$out/serve.log"; do
  if ! kill -0 "$server" 2>/dev/null; then cat "$out/serve.log"; exit 1; fi
  sleep 1
done
echo "server $server: $(grep 'listening on' "$out/serve.log")"
java -jar "$jar" bench-serve --url "http://127.0.0.1:$port/" --corpus "$corpus" --clients 8 \
  --seconds $((minutes * 60)) --warmup 5 --interval 10 --samples "$out/soak.csv" | tee "$out/bench.txt"
if [ "${KEEP_SERVING:-0}" = 1 ]; then
  echo "the server keeps running: pid $server, port $port"
  exit 0
fi
kill -TERM "$server"
set +e
wait "$server"
echo "server exit code $?"
tail -2 "$out/serve.log"
