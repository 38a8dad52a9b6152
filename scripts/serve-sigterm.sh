#!/usr/bin/env bash
# SIGTERM to `serve` in the middle of a 32-client load: every request the server accepted must be
# answered, and the server must exit 0.
#
#   scripts/serve-sigterm.sh MODEL CORPUS [PORT] [SECONDS_BEFORE_SIGTERM]
#
# Starts `serve MODEL`, runs `bench-serve --clients 32` against it, sends SIGTERM after the given
# seconds (default 20), and prints the server's exit code, its count of translation requests
# answered, and bench-serve's table (lost and mixed-up must be 0; requests after the stop are
# refused connections, which the server never accepted).
set -euo pipefail
model=${1:?MODEL}
corpus=${2:?CORPUS}
port=${3:-8093}
after=${4:-20}
jar=${SEQ2SEQ_JAR:-seq2seq-app/target/seq2seq.jar}
log=$(mktemp)
java -jar "$jar" serve "$model" --port "$port" > "$log" 2>&1 &
server=$!
until grep -q "listening on" "$log"; do
  if ! kill -0 "$server" 2>/dev/null; then cat "$log"; exit 1; fi
  sleep 1
done
java -jar "$jar" bench-serve --url "http://127.0.0.1:$port/" --corpus "$corpus" --clients 32 \
  --seconds $((after + 30)) --warmup 0 &
bench=$!
sleep "$after"
echo "$(date +%T) kill -TERM $server"
kill -TERM "$server"
set +e
wait "$server"
code=$?
wait "$bench"
bench_code=$?
set -e
echo "--- serve's output"
grep -v " INFO " "$log" || true
echo "serve exit code: $code; bench-serve exit code: $bench_code"
rm -f "$log"
