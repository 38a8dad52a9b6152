#!/usr/bin/env python3
"""Where the time of training steps on Spark goes, from Spark's event log.

Run the driver with -Dspark.eventLog.enabled=true -Dspark.eventLog.dir=file:///some/dir; each
training step is one Spark job. For the jobs of the run this prints medians of: the job's wall
time, the slowest task's time in the executor (computing the gradient of its pairs), the time to
deserialize tasks and broadcast parameters, the size of a task's result (its gradient) and the
time the driver spent between the end of the last task and the end of the job (merging the
results). Usage (see docs/distributed.md):

    python3 scripts/spark_steps.py EVENT_LOG [--skip N]     # --skip: leave out the first N jobs (warm-up)
"""
import json
import statistics
import sys


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    path = argv[1]
    skip = int(argv[argv.index('--skip') + 1]) if '--skip' in argv else 5
    jobs = {}        # job id -> {start, end, stages}
    stage_job = {}   # stage id -> job id
    tasks = {}       # job id -> list of task records
    executors = set()
    with open(path, encoding='utf-8') as f:
        for line in f:
            e = json.loads(line)
            kind = e['Event']
            if kind == 'SparkListenerJobStart':
                jobs[e['Job ID']] = {'start': e['Submission Time'], 'end': None}
                for s in e['Stage IDs']:
                    stage_job[s] = e['Job ID']
            elif kind == 'SparkListenerJobEnd':
                jobs[e['Job ID']]['end'] = e['Completion Time']
                jobs[e['Job ID']]['ok'] = e['Job Result']['Result'] == 'JobSucceeded'
            elif kind == 'SparkListenerTaskEnd':
                info = e['Task Info']
                metrics = e.get('Task Metrics') or {}
                job = stage_job.get(e['Stage ID'])
                executors.add(info['Executor ID'])
                tasks.setdefault(job, []).append({
                    'finish': info['Finish Time'],
                    'launch': info['Launch Time'],
                    'run': metrics.get('Executor Run Time', 0),
                    'deserialize': metrics.get('Executor Deserialize Time', 0),
                    'result': metrics.get('Result Size', 0),
                    'failed': info.get('Failed', False),
                    'executor': info['Executor ID'],
                })
    done = sorted(j for j, v in jobs.items() if v.get('end') is not None and v.get('ok'))[skip:]
    if not done:
        print('no finished jobs after the first %d' % skip, file=sys.stderr)
        return 1
    wall, slowest, deserialize, result, tail = [], [], [], [], []
    failed = sum(1 for ts in tasks.values() for t in ts if t['failed'])
    for j in done:
        ts = [t for t in tasks.get(j, []) if not t['failed']]
        if not ts:
            continue
        wall.append(jobs[j]['end'] - jobs[j]['start'])
        slowest.append(max(t['run'] for t in ts))
        deserialize.append(max(t['deserialize'] for t in ts))
        result.append(max(t['result'] for t in ts))
        tail.append(jobs[j]['end'] - max(t['finish'] for t in ts))
    med = statistics.median
    print('%d jobs (steps) after the first %d; %d failed task attempts; executors %s'
          % (len(wall), skip, failed, ', '.join(sorted(executors))))
    print('median job wall time               %8.0f ms' % med(wall))
    print('median slowest task, executor run  %8.0f ms' % med(slowest))
    print('median task deserialize (broadcast) %7.0f ms' % med(deserialize))
    print('median driver time after last task %8.0f ms' % med(tail))
    print('median result size per task        %8.1f MB' % (med(result) / 1e6))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
