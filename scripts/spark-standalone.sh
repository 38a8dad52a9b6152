#!/bin/sh
# A Spark standalone cluster on this machine, started from the Spark jars Maven resolves for
# seq2seq-spark (no Spark distribution needed): one Master and N Workers, each a JVM of its own.
#
#   scripts/spark-standalone.sh start DIR [WORKERS [CORES [MEMORY]]]   # default 2 workers, 1 core, 3g each
#   scripts/spark-standalone.sh stop DIR
#
# start writes DIR/env, which sets SPARK_JARS (the class path of Spark's jars), SPARK_OPENS (the
# --add-opens options Java 17 needs) and SPARK_MASTER (spark://127.0.0.1:PORT); then, from the
# project root:
#
#   . DIR/env
#   java $SPARK_OPENS -Dspark.executor.extraJavaOptions="$SPARK_OPENS" \
#       -cp "seq2seq-app/target/seq2seq.jar:$SPARK_JARS" org.seq2seq.app.Seq2SeqCli \
#       train train.csv runs/on-spark --spark-master "$SPARK_MASTER" --spark-replicas 2
#
# Logs: DIR/master.log, DIR/worker-N.log (executors: DIR/work/). Process ids: DIR/*.pid.
set -eu

usage() {
    echo "usage: $0 start DIR [WORKERS [CORES [MEMORY]]] | stop DIR" >&2
    exit 2
}

[ $# -ge 2 ] || usage
command=$1
dir=$2

case "$command" in
stop)
    for pidfile in "$dir"/worker-*.pid "$dir"/master.pid; do
        [ -f "$pidfile" ] || continue
        kill "$(cat "$pidfile")" 2>/dev/null || true
        rm -f "$pidfile"
    done
    echo "stopped the cluster of $dir"
    exit 0
    ;;
start) ;;
*) usage ;;
esac

workers=${3:-2}
cores=${4:-1}
memory=${5:-3g}
port=${SPARK_MASTER_PORT:-7077}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$dir/spark-home/jars" "$dir/work"
dir=$(cd "$dir" && pwd)

# Spark's jars: seq2seq-spark's provided class path without our modules (target/), DL4J, ND4J and JavaCPP
# (executors get those from the application's jar).
(cd "$root" && mvn -B -q -o -DskipTests package dependency:build-classpath -pl seq2seq-spark -am \
    -Dmdep.outputFile="$dir/classpath.txt" -Dmdep.includeScope=provided >/dev/null)
jars=$(tr ':' '\n' < "$dir/classpath.txt" | grep -v -e /org/seq2seq/ -e /seq2seq- -e /org/deeplearning4j/ \
    -e /org/nd4j/ -e /org/bytedeco/ -e /target/ | tr '\n' ':' | sed 's/:$//')
rm -f "$dir"/spark-home/jars/*.jar
echo "$jars" | tr ':' '\n' | while read -r jar; do ln -s "$jar" "$dir/spark-home/jars/"; done
opens=$(sed -n 's:.*<spark.opens>\(.*\)</spark.opens>.*:\1:p' "$root/pom.xml")

cat > "$dir/env" <<EOF
SPARK_JARS='$jars'
SPARK_OPENS='$opens'
SPARK_MASTER='spark://127.0.0.1:$port'
export SPARK_JARS SPARK_OPENS SPARK_MASTER
EOF

# Workers launch executors from SPARK_HOME/jars and need the Scala version to find them.
export SPARK_HOME="$dir/spark-home" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1
# shellcheck disable=SC2086
java $opens -cp "$jars" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" \
    --webui-port 8090 > "$dir/master.log" 2>&1 &
echo $! > "$dir/master.pid"
i=0
while ! grep -q "I have been elected leader" "$dir/master.log" 2>/dev/null; do
    i=$((i + 1))
    if [ $i -gt 60 ] || ! kill -0 "$(cat "$dir/master.pid")" 2>/dev/null; then
        echo "the master did not start; see $dir/master.log" >&2
        exit 1
    fi
    sleep 1
done
n=1
while [ $n -le "$workers" ]; do
    # shellcheck disable=SC2086
    java $opens -cp "$jars" org.apache.spark.deploy.worker.Worker "spark://127.0.0.1:$port" --cores "$cores" \
        --memory "$memory" --work-dir "$dir/work" --webui-port $((8090 + n)) > "$dir/worker-$n.log" 2>&1 &
    echo $! > "$dir/worker-$n.pid"
    n=$((n + 1))
done
n=1
while [ $n -le "$workers" ]; do
    i=0
    while ! grep -q "Successfully registered with master" "$dir/worker-$n.log" 2>/dev/null; do
        i=$((i + 1))
        if [ $i -gt 60 ]; then
            echo "worker $n did not register; see $dir/worker-$n.log" >&2
            exit 1
        fi
        sleep 1
    done
    n=$((n + 1))
done
echo "master spark://127.0.0.1:$port and $workers workers ($cores cores, $memory each) are up; . $dir/env"
