"""Serve next to its peers, side by side on one machine: the driver behind bench/run (which builds
Serve, makes the peers' virtual environment and models, then runs this with that environment's Python).

Each server runs pinned to CPU 0 in its own session, wrk runs on CPU 1. Stacks are interleaved round
by round (A B C…, A B C…) and every figure is the median over rounds. Prints one table per function
with the ratios to Serve, the batch throughput, cold starts and the issue's targets; writes the
results as JSON and draws a chart next to it.
"""

import argparse
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
PEERS = os.path.join(ROOT, "bench/peers")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

FUNCTIONS = {
    "add": ("/add", {"a": 10, "b": 20}),
    "iris.predict": ("/iris/predict", {"sepalLength": 5.9, "sepalWidth": 3.0, "petalLength": 5.1, "petalWidth": 1.8}),
    # 100 characters.
    "sentiment.predict": ("/sentiment/predict", {
        "text": "The acting was wonderful and the story kept me hooked, but the ending felt rushed. Worth a watch!!!!"
    }),
}


def stacks(serve, ceiling, venv):
    """Every system measured: how to start it (PORT is replaced) and which functions it serves."""
    python_bin = os.path.join(os.path.abspath(venv), "bin")
    return [
        {"name": "raw SwiftNIO (ceiling)", "key": "ceiling", "functions": ["add"],
         "command": [ceiling, "PORT", "1"]},
        {"name": "Serve", "key": "serve", "functions": list(FUNCTIONS),
         "command": [serve, "add", "iris", "sentiment", "fashion", "--threads", "1", "--bind", "127.0.0.1:PORT"]},
        {"name": "FastAPI + uvicorn", "key": "fastapi", "functions": list(FUNCTIONS),
         "command": [os.path.join(python_bin, "uvicorn"), "--workers", "1", "--no-access-log", "--log-level",
                     "warning", "--port", "PORT", "fastapi_app:app"]},
        {"name": "Flask + gunicorn (3 sync workers)", "key": "flask", "functions": list(FUNCTIONS),
         "command": [os.path.join(python_bin, "gunicorn"), "--workers", "3", "--bind", "127.0.0.1:PORT",
                     "flask_app:app"]},
        {"name": "Firefly", "key": "firefly", "functions": ["add"],
         "command": [os.path.join(python_bin, "firefly"), "firefly_add.add", "--bind", "127.0.0.1:PORT"]},
    ]


class Server:
    """One server process (and its children), pinned to CPU 0 in a session of its own."""

    def __init__(self, stack, port, models):
        self.port = port
        command = ["taskset", "-c", "0"] + [part.replace("PORT", str(port)) for part in stack["command"]]
        env = dict(os.environ, PEER_MODELS=models, PYTHONPATH=PEERS)
        self.started = time.perf_counter()
        self.process = subprocess.Popen(command, cwd=PEERS, env=env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, start_new_session=True)

    def processes(self):
        """The pids in the server's session."""
        pids = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as file:
                        fields = file.read().rsplit(")", 1)[1].split()
                    if int(fields[3]) == self.process.pid:  # session id
                        pids.append(int(entry))
                except (OSError, IndexError):
                    pass
        return pids

    def cpu_seconds(self):
        total = 0
        for pid in self.processes():
            try:
                with open(f"/proc/{pid}/stat") as file:
                    fields = file.read().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime + stime
            except OSError:
                pass
        return total / CLOCK_TICKS

    def rss_mib(self):
        total = 0
        for pid in self.processes():
            try:
                with open(f"/proc/{pid}/status") as file:
                    total += next(int(line.split()[1]) for line in file if line.startswith("VmRSS:"))
            except (OSError, StopIteration):
                pass
        return total / 1024

    def wait_until_answering(self, path, body, timeout=30):
        """Seconds from launch to the first 200 for `path`, polling every millisecond."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if post(self.port, path, body) == 200:
                return time.perf_counter() - self.started
            time.sleep(0.001)
        raise RuntimeError(f"no 200 from port {self.port}{path} within {timeout} s")

    def stop(self):
        try:
            os.killpg(self.process.pid, 15)
        except ProcessLookupError:
            pass
        self.process.wait()


def post(port, path, body):
    """The status of one POST, or None when nothing answers yet."""
    payload = json.dumps(body).encode()
    request = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
               f"Content-Length: {len(payload)}\r\nConnection: close\r\n\r\n").encode() + payload
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as connection:
            connection.sendall(request)
            status = connection.recv(64).split(b" ", 2)
            return int(status[1]) if len(status) > 1 else None
    except (OSError, ValueError):
        return None


def wrk(port, path, body, connections, seconds, scripts):
    """req/s, p50 and p99 (µs) and the count of errors from one wrk run on CPU 1."""
    script = os.path.join(scripts, f"{abs(hash(json.dumps(body)))}.lua")
    if not os.path.exists(script):
        with open(script, "w") as file:
            file.write(
                'wrk.method = "POST"\n'
                f"wrk.body = {json.dumps(json.dumps(body))}\n"
                'wrk.headers["Content-Type"] = "application/json"\n'
                "done = function(summary, latency, requests)\n"
                '  io.write(string.format("RESULT %d %d %d %d %d %d\\n", summary.requests, summary.duration,\n'
                "    latency:percentile(50), latency:percentile(99), summary.errors.status,\n"
                "    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))\n"
                "end\n")
    output = subprocess.run(
        ["taskset", "-c", "1", "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", script,
         f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True).stdout
    requests, duration, p50, p99, status_errors, socket_errors = map(int, re.search(r"RESULT (.*)", output)
                                                                      .group(1).split())
    return {"rps": requests / (duration / 1e6), "p50_us": p50, "p99_us": p99, "requests": requests,
            "errors": status_errors + socket_errors}


def measure(server, path, body, seconds, scripts):
    wrk(server.port, path, body, 64, 1, scripts)  # warm-up
    before = server.cpu_seconds()
    loaded = wrk(server.port, path, body, 64, seconds, scripts)
    cpu = server.cpu_seconds() - before
    single = wrk(server.port, path, body, 1, seconds, scripts)
    return {"c64": loaded, "c1": single, "cpu_us_per_request": cpu * 1e6 / max(loaded["requests"], 1)}


def batch_body(function, size, repository):
    """`size` distinct instances: iris rows from the data file, sentences from the corpus's test lines."""
    if function == "iris.predict":
        with open(os.path.join(repository, "data/iris.csv")) as file:
            rows = [line.strip().split(",") for line in file][1:]
        names = ["sepalLength", "sepalWidth", "petalLength", "petalWidth"]
        instances = [dict(zip(names, map(float, rows[index % len(rows)][:4]))) for index in range(size)]
    else:
        with open(os.path.join(repository, "data/sentiment.jsonl")) as file:
            lines = [json.loads(line)["text"] for line in file][-3_183:]
        instances = [{"text": lines[index % len(lines)]} for index in range(size)]
    return {"instances": instances}


def median(values):
    return statistics.median(values) if values else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--serve", required=True)
    parser.add_argument("--ceiling", required=True)
    parser.add_argument("--venv", required=True)
    parser.add_argument("--models", required=True, help="the peers' pickled models")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--out", default=os.path.join(ROOT, "bench/results"))
    options = parser.parse_args()
    scripts = tempfile.mkdtemp(prefix="serve-bench-")
    systems = stacks(options.serve, options.ceiling, options.venv)
    rows = {}  # (stack, function) -> list of measurements
    cold = {}  # stack -> list of seconds
    idle = {}  # stack -> list of MiB
    batches = {}  # (function, size) -> list of measurements
    port = 5600
    started = time.time()

    for round_number in range(1, options.rounds + 1):
        for stack in systems:
            port += 1
            server = Server(stack, port, options.models)
            try:
                probe = "add"
                path, body = FUNCTIONS[probe]
                if stack["key"] != "ceiling":
                    cold.setdefault(stack["key"], []).append(server.wait_until_answering(path, body))
                else:
                    server.wait_until_answering(path, body)
                time.sleep(0.5)
                idle.setdefault(stack["key"], []).append(server.rss_mib())
                for function in stack["functions"]:
                    path, body = FUNCTIONS[function]
                    result = measure(server, path, body, options.seconds, scripts)
                    result["rss_after_mib"] = server.rss_mib()
                    rows.setdefault((stack["key"], function), []).append(result)
                if stack["key"] == "serve":
                    for function in ("iris.predict", "sentiment.predict"):
                        for size in (1, 10, 100, 1000):
                            path = FUNCTIONS[function][0] + "/batch"
                            body = batch_body(function, size, ROOT)
                            wrk(server.port, path, body, 8, 1, scripts)
                            before = server.cpu_seconds()
                            result = wrk(server.port, path, body, 8, options.seconds, scripts)
                            cpu = server.cpu_seconds() - before
                            result["predictions_per_s"] = result["rps"] * size
                            result["cpu_us_per_prediction"] = cpu * 1e6 / max(result["requests"] * size, 1)
                            batches.setdefault((function, size), []).append(result)
            finally:
                server.stop()
            print(f"round {round_number}: {stack['name']} done", file=sys.stderr, flush=True)

    summary = summarize(systems, rows, cold, idle, batches)
    summary["protocol"] = {
        "rounds": options.rounds, "seconds_per_run": options.seconds, "server_cpu": 0, "wrk_cpu": 1,
        "connections": [64, 1], "batch_connections": 8, "run_seconds": round(time.time() - started),
    }
    summary["machine"] = machine()
    summary["targets"] = [{"target": name, "measured": value, "met": met} for name, value, met in targets(summary)]
    report(summary)
    os.makedirs(options.out, exist_ok=True)
    with open(os.path.join(options.out, "latest.json"), "w") as file:
        json.dump(summary, file, indent=2)
        file.write("\n")
    chart(summary, os.path.join(options.out, "latest.png"))
    print(f"\nwrote {os.path.relpath(options.out, ROOT)}/latest.json and latest.png")


def summarize(systems, rows, cold, idle, batches):
    results = []
    for stack in systems:
        for function in stack["functions"]:
            runs = rows[(stack["key"], function)]
            results.append({
                "system": stack["key"], "name": stack["name"], "function": function,
                "rps_c64": median([run["c64"]["rps"] for run in runs]),
                "p50_us_c64": median([run["c64"]["p50_us"] for run in runs]),
                "p99_us_c64": median([run["c64"]["p99_us"] for run in runs]),
                "rps_c1": median([run["c1"]["rps"] for run in runs]),
                "p50_us_c1": median([run["c1"]["p50_us"] for run in runs]),
                "p99_us_c1": median([run["c1"]["p99_us"] for run in runs]),
                "cpu_us_per_request": median([run["cpu_us_per_request"] for run in runs]),
                "rss_after_mib": median([run["rss_after_mib"] for run in runs]),
                "errors": sum(run["c64"]["errors"] + run["c1"]["errors"] for run in runs),
            })
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "results": results,
        "cold_start_ms": {key: median(values) * 1000 for key, values in cold.items()},
        "idle_rss_mib": {key: median(values) for key, values in idle.items()},
        "batch": [{"function": function, "size": size,
                   "predictions_per_s": median([run["predictions_per_s"] for run in runs]),
                   "cpu_us_per_prediction": median([run["cpu_us_per_prediction"] for run in runs]),
                   "p99_us": median([run["p99_us"] for run in runs]),
                   "errors": sum(run["errors"] for run in runs)}
                  for (function, size), runs in sorted(batches.items())],
    }


def find(summary, system, function):
    return next(row for row in summary["results"] if row["system"] == system and row["function"] == function)


def targets(summary):
    """The performance issue's targets: (what, measured, met)."""
    add = find(summary, "serve", "add")
    ceiling = find(summary, "ceiling", "add")
    checks = [
        ("add ≥ 0.75 of the raw-NIO ceiling", add["rps_c64"] / ceiling["rps_c64"], 0.75, "{:.3f} of it"),
        ("add at the defaults ≥ 0.85 of the ceiling by CPU per request",
         ceiling["cpu_us_per_request"] / add["cpu_us_per_request"], 0.85, "{:.3f} of it"),
        ("add ≥ 6× FastAPI + uvicorn", add["rps_c64"] / find(summary, "fastapi", "add")["rps_c64"], 6, "{:.1f}×"),
        ("add ≥ 15× Flask + gunicorn", add["rps_c64"] / find(summary, "flask", "add")["rps_c64"], 15, "{:.1f}×"),
        ("add ≥ 15× Firefly", add["rps_c64"] / find(summary, "firefly", "add")["rps_c64"], 15, "{:.1f}×"),
        ("add p99 at 64 connections ≤ 1.5× the ceiling's", add["p99_us_c64"] / ceiling["p99_us_c64"], None,
         "{:.2f}×"),
        ("iris.predict within 10% of add",
         find(summary, "serve", "iris.predict")["rps_c64"] / add["rps_c64"], 0.90, "{:.3f} of add"),
        ("sentiment.predict within 25% of add",
         find(summary, "serve", "sentiment.predict")["rps_c64"] / add["rps_c64"], 0.75, "{:.3f} of add"),
        ("cold start with every model ≤ 50 ms", summary["cold_start_ms"]["serve"], None, "{:.1f} ms"),
        ("idle RSS ≤ 32 MiB", summary["idle_rss_mib"]["serve"], None, "{:.1f} MiB"),
        ("≥ 1,000,000 iris predictions/s per core in batches of 1000",
         next(b["predictions_per_s"] for b in summary["batch"] if b["function"] == "iris.predict" and b["size"] == 1000),
         1_000_000, "{:,.0f}/s"),
    ]
    ceilings = {"add p99 at 64 connections ≤ 1.5× the ceiling's": 1.5, "cold start with every model ≤ 50 ms": 50,
                "idle RSS ≤ 32 MiB": 32}
    return [(name, form.format(value), value >= floor if floor is not None else value <= ceilings[name])
            for name, value, floor, form in checks]


def report(summary):
    machine = summary["machine"]
    protocol = summary["protocol"]
    print(f"\n{summary['date']}, {machine['cpu']} ({machine['cores']} cores), {machine['system']}; "
          f"{protocol['rounds']} interleaved rounds × {protocol['seconds_per_run']} s per run, medians; "
          "server on CPU 0, wrk on CPU 1")
    for function in FUNCTIONS:
        rows = [row for row in summary["results"] if row["function"] == function]
        serve = next(row for row in rows if row["system"] == "serve")
        print(f"\n{function}")
        print(f"{'system':<36}{'req/s c64':>11}{'p50 µs':>9}{'p99 µs':>11}{'req/s c1':>10}{'CPU µs/req':>11}"
              f"{'RSS MiB':>9}{'errors':>8}{'Serve is':>10}")
        for row in rows:
            ratio = serve["rps_c64"] / row["rps_c64"]
            print(f"{row['name']:<36}{row['rps_c64']:>11,.0f}{row['p50_us_c64']:>9,.0f}{row['p99_us_c64']:>11,.0f}"
                  f"{row['rps_c1']:>10,.0f}{row['cpu_us_per_request']:>11,.1f}{row['rss_after_mib']:>9,.1f}"
                  f"{row['errors']:>8}{ratio:>9.2f}×")
    print("\ncold start, launch → first 200 (ms) and idle RSS (MiB), medians:")
    for key, value in summary["cold_start_ms"].items():
        print(f"  {key:<10}{value:>9.1f} ms{summary['idle_rss_mib'][key]:>9.1f} MiB")
    print("\nServe batch calls (POST /NAME/batch, 8 connections):")
    print(f"  {'function':<20}{'batch':>6}{'predictions/s':>15}{'CPU µs/prediction':>19}{'p99 µs':>10}{'errors':>8}")
    for batch in summary["batch"]:
        print(f"  {batch['function']:<20}{batch['size']:>6}{batch['predictions_per_s']:>15,.0f}"
              f"{batch['cpu_us_per_prediction']:>19.2f}{batch['p99_us']:>10,.0f}{batch['errors']:>8}")
    print("\ntargets:")
    for target in summary["targets"]:
        print(f"  {'met   ' if target['met'] else 'MISSED'} {target['target']}: {target['measured']}")


def machine():
    cpu = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo") as file:
            cpu = next(line.split(":", 1)[1].strip() for line in file if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "system": f"{platform.system()} {platform.release()}",
            "python": platform.python_version()}


def chart(summary, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plot

    systems = []
    for row in summary["results"]:
        if (row["system"], row["name"]) not in systems:
            systems.append((row["system"], row["name"]))
    colours = {"ceiling": "#9e9e9e", "serve": "#e4572e", "fastapi": "#17bebb", "flask": "#4a6fa5",
               "firefly": "#f0a202"}
    figure, axes = plot.subplots(1, 2, figsize=(12, 4.8))
    width = 0.8 / len(systems)
    for panel, (field, label) in zip(axes, [("rps_c64", "requests/s at 64 connections (log)"),
                                            ("p99_us_c64", "p99 latency at 64 connections, µs (log)")]):
        for index, (key, name) in enumerate(systems):
            xs, ys = [], []
            for position, function in enumerate(FUNCTIONS):
                row = next((r for r in summary["results"] if r["system"] == key and r["function"] == function), None)
                if row:
                    xs.append(position + (index - (len(systems) - 1) / 2) * width)
                    ys.append(row[field])
            bars = panel.bar(xs, ys, width, label=name, color=colours.get(key))
            if key == "serve" and field == "rps_c64":
                panel.bar_label(bars, labels=[f"{y / 1000:.0f}k" for y in ys], fontsize=8)
        panel.set_yscale("log")
        panel.set_xticks(range(len(FUNCTIONS)), list(FUNCTIONS))
        panel.set_title(label, fontsize=10)
    axes[0].legend(fontsize=8, loc="lower left")
    figure.suptitle(f"Serve and its peers, one core each, {summary['date']} ({summary['machine']['cpu']}); "
                    "ratios within one run are what count", fontsize=9)
    figure.tight_layout()
    figure.savefig(path, dpi=110)


if __name__ == "__main__":
    main()
