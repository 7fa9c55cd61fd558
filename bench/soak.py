"""Drives bench/soak: starts the server, runs wrk, samples RSS, and judges the run."""
import os
import re
import subprocess
import sys
import tempfile
import threading
import time

binary, minutes = sys.argv[1], float(sys.argv[2])
duration = int(minutes * 60)

server = subprocess.Popen([binary, "--bind", "127.0.0.1:0", "--log-level", "warning"],
                          stdout=subprocess.PIPE, text=True)
url = next(word for word in server.stdout.readline().split() if word.startswith("http://"))

# Alternate the two calls on every connection; count every non-2xx answer.
script = """
local calls = {
  wrk.format("POST", "/add", {["Content-Type"] = "application/json"}, '{"a": 10, "b": 20}'),
  wrk.format("POST", "/iris/predict", {["Content-Type"] = "application/json"},
    '{"sepalLength": 5.9, "sepalWidth": 3.0, "petalLength": 5.1, "petalWidth": 1.8}'),
}
local n = 0
request = function() n = n + 1; return calls[n % 2 + 1] end
"""
lua = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
lua.write(script)
lua.close()


def rss_kib():
    with open(f"/proc/{server.pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


samples = []  # (seconds since start, RSS KiB)
started = time.monotonic()
done = threading.Event()


def sample():
    while not done.wait(5):
        samples.append((time.monotonic() - started, rss_kib()))


threading.Thread(target=sample, daemon=True).start()
samples.append((0.0, rss_kib()))
wrk = subprocess.run(["wrk", "-t2", "-c256", f"-d{duration}s", "--latency", "-s", lua.name, url],
                     capture_output=True, text=True)
done.set()
os.unlink(lua.name)
print(wrk.stdout)
alive = server.poll() is None
server.terminate()
server.wait(timeout=30)

requests = int(re.search(r"(\d+) requests in", wrk.stdout).group(1))
non2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", wrk.stdout)) else 0
socket_errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", wrk.stdout))
warm = [rss for t, rss in samples if t >= 60] or [samples[-1][1]]
baseline, final, peak = warm[0], samples[-1][1], max(rss for _, rss in samples)
growth = (final - baseline) / baseline * 100

print("RSS every 30 s (MiB):", " ".join(f"{rss / 1024:.1f}" for t, rss in samples if round(t) % 30 < 5))
print(f"requests: {requests:,} in {duration} s ({requests / duration:,.0f}/s), 256 connections")
print(f"errors: {non2xx} non-2xx, {socket_errors} socket errors; server alive at the end: {alive}")
print(f"RSS after 1 min warm-up {baseline / 1024:.1f} MiB, at the end {final / 1024:.1f} MiB "
      f"({growth:+.2f}%), peak {peak / 1024:.1f} MiB")
ok = alive and non2xx == 0 and socket_errors == 0 and growth < 5
print("PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
