#!/usr/bin/env python3
"""Where a training step or a decoding run spends its time, from a Java Flight Recording.

ND4J's ops run in native code, which JFR samples as jdk.NativeMethodSample with the Java stack
that called them; this script attributes every sample of the main thread to the innermost frame
that names a part of the model (encoder, decoder, output layer, updater, search, ...) and says
how much of each part is matrix multiplication. Start-up samples (JVM, ND4J, graph building) are
left out. Usage (see docs/performance.md):

    jfr print --json --events jdk.ExecutionSample,jdk.NativeMethodSample --stack-depth 80 run.jfr > run.json
    python3 scripts/jfr_breakdown.py run.json
"""
import collections
import json
import sys

PARTS = [  # (frame substring, part), innermost frame first wins
    ('SoftmaxCrossEntropy', 'output layer: softmax + loss'),
    ('SoftmaxOutputLayerImpl', 'output layer: projection (fused)'),
    ('ModelStepScorer.step', 'decoding: output projection + log-softmax'),
    ('GruCell', 'GRU decoder'), ('GruDecoder', 'GRU decoder'),
    ('LSTMHelpers', 'LSTM encoder (DL4J)'), ('recurrent.LSTM', 'LSTM encoder (DL4J)'),
    ('recurrent.Bidirectional', 'LSTM encoder (DL4J)'), ('LstmCell', 'LSTM encoder (ours)'),
    ('LstmEncoderLayer', 'LSTM encoder (ours)'), ('EncoderContextVertex', 'encoder context'),
    ('ContextEncoder', 'encoder'),
    ('Attention', 'attention'),
    ('EmbeddingSequenceLayer', 'embeddings'), ('TokenEmbeddingLayer', 'embeddings'), ('LastTimeStep', 'encoder last step'),
    ('Updater', 'Adam updater'), ('TrainingStep', 'step: norm, clip, apply'),
    ('PaddedBatch', 'batch building'), ('BucketBatch', 'batch building'),
    ('BeamSearch.', 'search bookkeeping (top-k, hypotheses)'), ('GreedySearch.', 'search bookkeeping (top-k, hypotheses)'),
    ('DuplicateToTimeSeries', 'context feed'), ('MergeVertex', 'merge/concat vertices'),
    ('AppendContextVertex', 'decoder input: context appended'),
    ('Seq2SeqCli.run', None), ('Seq2SeqGraph.create', None), ('ComputationGraph.init', None),  # start-up
    ('ComputationGraph', 'graph plumbing'),
]


def frames(event):
    stack = event['values'].get('stackTrace')
    if not stack:
        return []
    return [(f['method']['type']['name'] + '.' + f['method']['name']).replace('/', '.') for f in stack['frames']]


def part(fs):
    for f in fs:
        for key, name in PARTS:
            if key in f:
                return name
    return 'other'


def kind(fs):
    top = ' '.join(fs[:12])
    return 'GEMM' if 'mmul' in top or 'gemm' in top.lower() else 'other'


def phase(fs):
    s = ' '.join(fs)
    if 'BeamSearch' in s:
        return 'beam search'
    if 'GreedySearch' in s:
        return 'greedy search'
    if 'backprop' in s.lower() or 'calcBackpropGradients' in s:
        return 'backward'
    if 'Updater' in s:
        return 'update'
    return 'forward'


def main(path):
    events = json.load(open(path))['recording']['events']
    samples = [frames(e) for e in events if (e['values'].get('sampledThread') or {}).get('javaName') == 'main']
    samples = [fs for fs in samples if part(fs) is not None]
    by_phase = collections.defaultdict(list)
    for fs in samples:
        by_phase[phase(fs)].append(fs)
    print(f'{len(samples)} samples of the main thread (start-up left out)')
    for ph, group in sorted(by_phase.items(), key=lambda kv: -len(kv[1])):
        print(f'\n{ph}: {100 * len(group) / len(samples):.1f}% of all')
        parts = collections.Counter(part(fs) for fs in group)
        for name, n in parts.most_common():
            gemm = sum(1 for fs in group if part(fs) == name and kind(fs) == 'GEMM')
            print(f'  {name:42s} {100 * n / len(group):5.1f}%   GEMM {100 * gemm / n:3.0f}% of it')


if __name__ == '__main__':
    main(sys.argv[1])
