#!/usr/bin/env python3
# Aggregates `jfr print --events jdk.ExecutionSample --stack-depth 30 rec.jfr > rec.txt` for the
# IO threads: self time by top frame, and the first dev.slipway frame on each stack.
#   bench/proxy/jfr-top.py rec.txt [N]
import sys, re, collections
text=open(sys.argv[1]).read()
events=text.split('jdk.ExecutionSample')
top=collections.Counter(); ours=collections.Counter(); n=0
for e in events[1:]:
    frames=re.findall(r'^\s+([\w$.<>]+\([^)]*\))\s+line:', e, re.M)
    if not frames: continue
    th=re.search(r'sampledThread = "([^"]+)"', e)
    if th and 'I/O' not in th.group(1): continue
    n+=1
    top[frames[0]]+=1
    for f in frames:
        if f.startswith('dev.slipway'):
            ours[f]+=1; break
print('IO-thread samples', n)
print('top self frames:')
for f,c in top.most_common(int(sys.argv[2]) if len(sys.argv)>2 else 25): print('  %5.1f%%  %s'%(100*c/n,f))
print('first dev.slipway frame on the stack:')
for f,c in ours.most_common(12): print('  %5.1f%%  %s'%(100*c/n,f))
