#!/usr/bin/env python3
"""Memory of one `hitl-policy mcp` session as calls accumulate (issue 25: flat after 100,000
calls): the gateway in front of fixtures/mcp/tiny_server.py, tools/call sent 8 at a time, the
gateway's resident memory (VmRSS, /proc) read at checkpoints, with --log to a file too.

    scripts/bench-mcp-memory.py [HITL_POLICY_BINARY] [CALLS]   (default .build/release/hitl-policy 100000)
"""
import os
import subprocess
import sys
import tempfile

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/hitl-policy"
calls = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
log = os.path.join(tempfile.mkdtemp(), "mcp.log")
server = [sys.executable, "fixtures/mcp/tiny_server.py"]
command = [binary, "mcp", "--policy", "fixtures/mcp/policy.yaml", "--prefix", "mcp__payments__", "--log", log, "--"] + server
CALL = '{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"lookup","arguments":{"customer":"c-%d"}}}\n'


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


p = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
p.stdin.write(b'{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}\n')
p.stdout.readline()
checkpoints = {1_000, 10_000, 50_000, calls}
sent = 0
while sent < calls:
    batch = min(8, calls - sent)
    p.stdin.write("".join(CALL % (sent + k + 1, sent + k) for k in range(batch)).encode())
    for _ in range(batch):
        p.stdout.readline()
    sent += batch
    if sent in checkpoints:
        print("%7d calls: gateway RSS %d KB" % (sent, rss_kb(p.pid)), flush=True)
p.stdin.close()
p.wait()
print("log: %d records, %d bytes" % (sum(1 for _ in open(log)), os.path.getsize(log)))
