"""Load test of the web app on 127.0.0.1 with wrk: the highest request rate whose p99 stays within 250 ms.

    ES_URL=… SEARCH_INDEX=<alias with the articles> .venv/bin/python bench/load.py [--threads 4 8] [--seconds 15]

Starts `python -m search serve` (waitress) on a free loopback port for each thread count asked for, then runs
wrk with more and more connections over the bench's mixed query set (/api/search with words, phrases,
exclusions, facets, sorts, deep pages), each step bounded in time, and stops by itself. wrk is a closed loop (a
connection waits for its answer), so the p99 it reports is for that offered load; the rate that counts is the
highest one measured with p99 ≤ the limit. Needs wrk (Debian: `apt-get install wrk`). Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.benchmark import QUERY_SET  # noqa: E402

# wrk calls request() for every request (cycling through the paths) and done() once; done prints one JSON line
LUA = """
local paths = {%s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format('{"requests": %%d, "seconds": %%.3f, "errors": %%d, "non_2xx": %%d, ' ..
    '"p50_ms": %%.1f, "p90_ms": %%.1f, "p99_ms": %%.1f, "max_ms": %%.1f}\\n',
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def lua_script() -> str:
    paths = ["/api/search?" + urlencode(parse_qsl(query, keep_blank_values=True)) for _, query in QUERY_SET]
    return LUA % ", ".join(json.dumps(path) for path in paths)


def wait_until_up(url: str, deadline_seconds: float = 120) -> None:
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"the app did not answer at {url}")


def run_wrk(script: Path, port: int, connections: int, seconds: int) -> dict:
    command = ["wrk", "-t", str(min(connections, 2)), "-c", str(connections), "-d", f"{seconds}s",
               "--timeout", "10s", "-s", str(script), f"http://127.0.0.1:{port}"]
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    result = json.loads(output.strip().splitlines()[-1])
    result["connections"] = connections
    result["rate"] = round(result["requests"] / result["seconds"], 1)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, nargs="+", default=[4, 8], help="waitress threads to try")
    parser.add_argument("--connections", type=int, nargs="+", default=[1, 2, 4, 8, 16])
    parser.add_argument("--seconds", type=int, default=15, help="length of each step")
    parser.add_argument("--p99-limit-ms", type=float, default=250.0)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("needs wrk on PATH (Debian: apt-get install wrk)")

    best: dict | None = None
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "queries.lua"
        script.write_text(lua_script(), encoding="utf-8")
        for threads in args.threads:
            port = free_port()
            server = subprocess.Popen(
                [sys.executable, "-m", "search", "serve", "--host", "127.0.0.1", "--port", str(port),
                 "--threads", str(threads)], cwd=ROOT, env=os.environ.copy(),
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
            try:
                wait_until_up(f"http://127.0.0.1:{port}/api/health")
                run_wrk(script, port, 2, 5)  # warm caches; not counted
                for connections in args.connections:
                    result = run_wrk(script, port, connections, args.seconds)
                    result["threads"] = threads
                    rows.append(result)
                    within = result["p99_ms"] <= args.p99_limit_ms and not result["errors"] and not result["non_2xx"]
                    print(f"threads {threads:2}  connections {connections:3}  {result['rate']:7.1f} req/s  "
                          f"p50 {result['p50_ms']:7.1f} ms  p99 {result['p99_ms']:7.1f} ms  "
                          f"errors {result['errors']} non-2xx {result['non_2xx']}"
                          + ("" if within else "  (over the limit)"), flush=True)
                    if within and (best is None or result["rate"] > best["rate"]):
                        best = result
                    if result["p99_ms"] > 2 * args.p99_limit_ms:
                        break  # more connections only queue longer
            finally:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=30)
    summary = {"p99_limit_ms": args.p99_limit_ms, "best_rate_per_s": best["rate"] if best else 0.0,
               "best": best, "steps": len(rows)}
    print(json.dumps(summary))
    return 0 if best else 1


if __name__ == "__main__":
    sys.exit(main())
