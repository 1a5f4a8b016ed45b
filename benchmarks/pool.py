"""Pools the rounds of several load.sh runs recorded in benchmarks/RUNS.md.

    python3 benchmarks/pool.py MODE GOAL RUN... [--file benchmarks/RUNS.md]

MODE is one-key or --many-keys, GOAL the ratio to compare fork medians with (0.97 or
0.95), and each RUN a run's number as benchmarks/RUNS.md labels its output (a `# run N` line
in a text block), optionally with the part of it to keep: `57/HEAP=1g` keeps only the
forks under run 57's `### pair N HEAP=1g` lines (a whole word of them: `90/KEYS=1000`
does not keep `KEYS=1000000`). Only the forks of MODE are kept, so a run with a
one-client and a --many-keys part can be named in either pool. A RUN, or a part, that
matches no fork of MODE is named, and nothing is pooled (exit status 1).

Prints the pooled rounds' median throughput ratio (enabled/disabled) and median CPU
per request ratio, and the fork medians' mean, its standard error and how many reach
GOAL: the figures of BENCHMARKS.md's budget.
"""
import os
import re
import statistics
import sys

RUN = re.compile(r'^# run (\d+)\b')
PART = re.compile(r'^### (.*)$')
MODE = re.compile(r'^mode: (\S+),')
RATIOS = re.compile(r'^(?:fork \d+: )?ratio enabled/disabled per round: ([0-9. ]+?)(?:, median .*)?$')
CPU = re.compile(r'^(?:fork \d+: )?(?:CPU per request enabled/disabled|server CPU per request, enabled/disabled,)'
                 r' per round: ([0-9. ]+?)(?:, median .*)?$')


def forks(path):
    """Every fork in the file's text blocks, as a dict: its run, part (the `### ` line it
    is under, if any), mode, and per-round throughput and CPU ratios."""
    found = []
    run = part = mode = None
    in_text = False
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('```'):
            in_text = line == '```text'
            run = part = mode = None
            continue
        if not in_text:
            continue
        if m := RUN.match(line):
            run, part, mode = m.group(1), None, None
        elif line.startswith('keys tracked') and mode is None:
            # a run whose parts have no mode line: only --many-keys tracks keys
            mode = '--many-keys'
        elif m := PART.match(line):
            part = m.group(1)
        elif m := MODE.match(line):
            mode = m.group(1)
        elif (m := RATIOS.match(line)) and run is not None:
            found.append({'run': run, 'part': part, 'mode': mode or 'one-key',
                          'ratios': [float(v) for v in m.group(1).split()], 'cpu': []})
        elif (m := CPU.match(line)) and found and found[-1]['run'] == run and not found[-1]['cpu']:
            found[-1]['cpu'] = [float(v) for v in m.group(1).split()]
    return found


def selected(fork, wanted):
    for run, part in wanted:
        if fork['run'] == run and (part is None or has_word(fork['part'] or '', part)):
            return True
    return False


def has_word(line, word):
    """Whether the line holds the word whole: `KEYS=1000` is in `pair 1 KEYS=1000 13:19`,
    not in `pair 1 KEYS=1000000 13:13`; `KEY=header` is in `KEY=header:X-Api-Key`."""
    return re.search(r'(?<!\S)' + re.escape(word) + r'(?![0-9A-Za-z])', line) is not None


def main(argv):
    # the journal beside this script, wherever it is run from
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'RUNS.md')
    if '--file' in argv:
        i = argv.index('--file')
        path = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    mode, goal = argv[0], float(argv[1])
    wanted = [(name.split('/', 1) + [None])[:2] for name in argv[2:]]
    pooled = [f for f in forks(path) if f['mode'] == mode and selected(f, wanted)]
    # a run, or a part of one, that matched no fork: most likely a typo
    missing = [name for name, one in zip(argv[2:], wanted)
               if not any(selected(f, [one]) for f in pooled)]
    if missing:
        print('no %s forks found for %s' % (mode, ' '.join(missing)), file=sys.stderr)
        return 1
    ratios = [r for f in pooled for r in f['ratios']]
    cpu = [c for f in pooled for c in f['cpu']]
    medians = [statistics.median(f['ratios']) for f in pooled]
    print('%s, runs %s: %d forks, %d rounds' % (mode, ' '.join(argv[2:]), len(pooled), len(ratios)))
    print('median ratio enabled/disabled: %.3f' % statistics.median(ratios))
    if cpu:
        print('median CPU per request enabled/disabled: %.3f (%d rounds)' % (statistics.median(cpu), len(cpu)))
    error = ('standard error %.4f' % (statistics.stdev(medians) / len(medians) ** 0.5)
             if len(medians) > 1 else 'one fork, no standard error')
    print('fork medians: mean %.4f, %s, %d of %d at or above %s'
          % (statistics.mean(medians), error, sum(m >= goal for m in medians), len(medians), argv[1]))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
