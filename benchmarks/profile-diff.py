"""Compares the two instances that load.sh profiled (ASYNC_PROFILER), per thousand requests.

    python3 benchmarks/profile-diff.py [OUT] [inclusive|leaf|own] [ROWS]

Prints the samples per thousand requests of each instance, the share of the enabled
instance's in Tollgate's own frames (a stack whose deepest dev.tollgate frame calls on
into the filter chain or the next valve is not Tollgate's own work), and, outside them,
the frames (inclusive, or leaves only; Tollgate's own that only pass the request on left
out) whose samples per thousand requests differ most. With own, it breaks Tollgate's
own samples down instead: each frame from where the stack last entered Tollgate's code
down, inclusive, then the leaves.
"""
import collections
import glob
import os
import re
import sys

# A lambda's or a method handle's hidden class is named after where it was loaded, which
# differs between the two JVMs: without this, one frame would count as two, each only in
# one instance (a lambda in Micrometer's observations looked like 2.5 % of the enabled
# instance's samples that the other did not have).
HIDDEN_CLASS_ADDRESS = re.compile(r'[./]0x[0-9a-f]+')

HANDS_ON = ('ApplicationFilterChain', 'Valve.invoke', 'StandardWrapperValve', 'StandardContextValve',
            'StandardHostValve', 'ErrorReportValve', 'AuthenticatorBase')


def tollgates_own(frames):
    own = [i for i, frame in enumerate(frames) if 'dev/tollgate' in frame and 'sample' not in frame]
    if not own:
        return False
    after = frames[own[-1] + 1] if own[-1] + 1 < len(frames) else ''
    return not any(name in after for name in HANDS_ON)


def load(out, side, mode):
    """The samples by frame (outside Tollgate's own frames; with own, inside them), the
    total, Tollgate's own and the requests served."""
    by_frame = collections.Counter()
    total = own = requests = 0
    for line in open(os.path.join(out, 'requests.txt')):
        fields = line.split()
        if fields[0] == side:
            requests += int(fields[3])
    for path in glob.glob(os.path.join(out, side + '-*.collapsed')):
        for line in open(path):
            stack, count = line.rsplit(' ', 1)
            count = int(count)
            total += count
            frames = [HIDDEN_CLASS_ADDRESS.sub('.0x…', frame) for frame in stack.split(';')]
            if tollgates_own(frames):
                own += count
                if mode == 'own':
                    # from where the stack last entered Tollgate: the filter, not the
                    # valve and the frames that pass the request on to the filter
                    entry = max(i for i, frame in enumerate(frames)
                                if 'dev/tollgate' in frame and (i == 0 or 'dev/tollgate' not in frames[i - 1]))
                    by_frame.update({frame: count for frame in set(frames[entry:])})
                    by_frame['leaf ' + frames[-1]] += count
            elif mode == 'own':
                continue
            elif mode == 'leaf':
                by_frame[frames[-1]] += count
            else:
                by_frame.update({frame: count for frame in set(frames)})
    return by_frame, total, own, requests


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else 'target/profiles'
    mode = sys.argv[2] if len(sys.argv) > 2 else 'inclusive'
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    on, on_total, on_own, on_requests = load(out, 'on', mode)
    off, off_total, _, off_requests = load(out, 'off', mode)
    per_k_on = 1000.0 / on_requests
    per_k_off = 1000.0 / off_requests
    print('requests: enabled %d, disabled %d' % (on_requests, off_requests))
    print('samples per 1000 requests: enabled %.2f, disabled %.2f (%+.1f %%)'
          % (on_total * per_k_on, off_total * per_k_off,
             100 * (on_total * per_k_on / (off_total * per_k_off) - 1)))
    print("in Tollgate's own frames: %.2f (%.1f %% of the enabled instance's)"
          % (on_own * per_k_on, 100.0 * on_own / on_total))
    print('outside them: enabled %.2f, disabled %.2f' % ((on_total - on_own) * per_k_on, off_total * per_k_off))
    if mode == 'own':
        print("%8s %6s  Tollgate's own samples per 1000 requests, by frame (inclusive), then by leaf" % ('samples', 'share'))
        for leaves in (False, True):
            ranked = [(count, frame) for frame, count in on.most_common() if frame.startswith('leaf ') == leaves]
            for count, frame in ranked[:rows]:
                print('%8.3f %5.1f%%  %s' % (count * per_k_on, 100.0 * count / on_own, frame[:150]))
        return
    differences = sorted(((on[f] * per_k_on - off[f] * per_k_off, on[f] * per_k_on, off[f] * per_k_off, f)
                          for f in set(on) | set(off) if 'dev/tollgate' not in f), reverse=True)
    print("%8s %8s %8s  frame (%s, outside Tollgate's own)" % ('diff', 'enabled', 'disabled', mode))
    for row in differences[:rows] + [None] + differences[-10:]:
        print('...' if row is None else '%+8.3f %8.3f %8.3f  %s' % (row[0], row[1], row[2], row[3][:150]))


if __name__ == '__main__':
    main()
