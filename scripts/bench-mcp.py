#!/usr/bin/env python3
"""Added latency of `hitl-policy mcp` per decided tools/call (docs/mcp.md, issue 25's figures):
the same server (fixtures/mcp/tiny_server.py) reached directly and through the gateway, in the
same run; 1,000 sequential calls each (median, p99), then throughput with 8 calls in flight.

    scripts/bench-mcp.py [HITL_POLICY_BINARY]      (default .build/release/hitl-policy)
"""
import json
import statistics
import subprocess
import sys
import time

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/hitl-policy"
server = [sys.executable, "fixtures/mcp/tiny_server.py"]
gateway = [binary, "mcp", "--policy", "fixtures/mcp/policy.yaml", "--prefix", "mcp__payments__", "--"] + server
CALL = '{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"lookup","arguments":{"customer":"c-7"}}}\n'


def session(command, calls=1000, inflight=8, batches=250):
    p = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
    out = p.stdout

    def send(text):
        p.stdin.write(text.encode())

    send('{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}\n')
    out.readline()
    latencies = []
    for i in range(1, calls + 1):
        t = time.perf_counter()
        send(CALL % i)
        out.readline()
        latencies.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    n = calls
    for b in range(batches):
        send("".join(CALL % (n + k) for k in range(inflight)))
        for _ in range(inflight):
            out.readline()
        n += inflight
    throughput = batches * inflight / (time.perf_counter() - t)
    p.stdin.close()
    p.wait()
    latencies.sort()
    return statistics.median(latencies), latencies[int(len(latencies) * 0.99) - 1], throughput


direct = session(server)
through = session(gateway)
print("direct:  median %.3f ms, p99 %.3f ms, %.0f calls/s with 8 in flight" % direct)
print("gateway: median %.3f ms, p99 %.3f ms, %.0f calls/s with 8 in flight" % through)
print("added:   median %.3f ms, p99 %.3f ms" % (through[0] - direct[0], through[1] - direct[1]))
