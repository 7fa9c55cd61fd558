"""bench/images's HTTP part: POST /fashion/predict with a 28 × 28 PNG (the repository's sample) and with a
640 × 480 JPEG photo made from it, to Serve and to the FastAPI peer, in interleaved rounds; prints images/s
and server CPU per image for each, and the ratios."""
import argparse
import io
import os
import socket
import statistics
import subprocess
import sys
import tempfile

from PIL import Image, ImageOps

BENCH = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, BENCH)
from compare import CLOCK_TICKS  # noqa: E402

SAMPLE = os.path.join(BENCH, "..", "data", "fashion", "0002-trouser.png")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def photo():
    """The sample enlarged, in colour, dark on white, centred in a 640 × 480 frame: a phone photo's shape."""
    item = ImageOps.invert(Image.open(SAMPLE).convert("L")).convert("RGB").resize((400, 400), Image.BILINEAR)
    frame = Image.new("RGB", (640, 480), (255, 255, 255))
    frame.paste(item, (120, 40))
    buffer = io.BytesIO()
    frame.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


class Server:
    def __init__(self, command, environment=None, cwd=None):
        self.port = free_port()
        command = ["taskset", "-c", "0", *[part.replace("PORT", str(self.port)) for part in command]]
        self.process = subprocess.Popen(command, env=dict(os.environ, **(environment or {})), cwd=cwd,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        for _ in range(600):
            if subprocess.run(["curl", "-s", "-o", "/dev/null", f"http://127.0.0.1:{self.port}/healthz"]).returncode \
                    in (0, 22) and self.answers():
                return
            subprocess.run(["sleep", "0.05"])
        raise RuntimeError(f"{command} never answered")

    def answers(self):
        result = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--data-binary", "@" + SAMPLE,
                                 "-H", "Content-Type: image/png", f"http://127.0.0.1:{self.port}/fashion/predict"],
                                capture_output=True, text=True)
        return result.stdout == "200"

    def cpu_seconds(self):
        total = 0
        # Every process of the server's session (uvicorn's workers too); pgrep lists the leader as well.
        for pid in {self.process.pid} | {int(p) for p in subprocess.run(
                ["pgrep", "-g", str(self.process.pid)], capture_output=True, text=True).stdout.split()}:
            try:
                with open(f"/proc/{pid}/stat") as file:
                    fields = file.read().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
            except FileNotFoundError:
                pass
        return total

    def stop(self):
        os.killpg(self.process.pid, 15)
        self.process.wait()


def wrk(port, body_file, content_type, seconds, scripts):
    script = os.path.join(scripts, os.path.basename(body_file) + ".lua")
    with open(script, "w") as file:
        file.write(f'wrk.method = "POST"\nlocal f = io.open("{body_file}", "rb")\nwrk.body = f:read("*all")\n'
                   f'f:close()\nwrk.headers["Content-Type"] = "{content_type}"\n'
                   'done = function(summary, latency, requests)\n'
                   '  io.write(string.format("RESULT %d %d %d\\n", summary.requests, summary.duration,\n'
                   '    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))\n'
                   'end\n')
    output = subprocess.run(["taskset", "-c", "1", "wrk", "-t1", "-c16", f"-d{seconds}s", "--timeout", "10s", "-s",
                             script, f"http://127.0.0.1:{port}/fashion/predict"],
                            capture_output=True, text=True, check=True).stdout
    requests, duration, errors = map(int, output.split("RESULT ")[1].split())
    return requests, requests / (duration / 1e6), errors


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--serve", required=True)
    parser.add_argument("--venv", required=True)
    parser.add_argument("--models", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    options = parser.parse_args()
    scripts = tempfile.mkdtemp()
    bodies = {"28 × 28 PNG": (os.path.abspath(SAMPLE), "image/png")}
    jpeg = os.path.join(scripts, "photo-640x480.jpg")
    with open(jpeg, "wb") as file:
        file.write(photo())
    bodies["640 × 480 JPEG"] = (jpeg, "image/jpeg")
    systems = {
        "Serve": ([options.serve, "fashion", "--threads", "1", "--log-level", "warning", "--bind", "127.0.0.1:PORT"],
                  None, None),
        "FastAPI + Pillow + scikit-learn": (
            [os.path.join(options.venv, "bin", "uvicorn"), "--workers", "1", "--no-access-log", "--log-level",
             "warning", "--port", "PORT", "fashion_app:app"],
            {"PEER_MODELS": options.models, "PYTHONPATH": os.path.join(BENCH, "peers")}, None),
    }
    rates, cpu = {}, {}
    for _ in range(options.rounds):
        for name, (command, environment, cwd) in systems.items():
            server = Server(command, environment, cwd)
            try:
                for body, (path, content_type) in bodies.items():
                    wrk(server.port, path, content_type, 1, scripts)  # warm-up
                    before = server.cpu_seconds()
                    requests, rate, errors = wrk(server.port, path, content_type, options.seconds, scripts)
                    assert errors == 0, (name, body, errors)
                    rates.setdefault((name, body), []).append(rate)
                    cpu.setdefault((name, body), []).append((server.cpu_seconds() - before) / requests * 1e6)
            finally:
                server.stop()
    print(f"== over HTTP: POST /fashion/predict, whole-body upload, {options.rounds} interleaved rounds of "
          f"{options.seconds} s, server on CPU 0 (one worker), wrk -c16 on CPU 1; medians")
    print(f"{'':34}{'body':>16}{'images/s':>12}{'CPU µs/image':>15}")
    for body in bodies:
        for name in systems:
            print(f"{name:34}{body:>16}{statistics.median(rates[(name, body)]):>12,.0f}"
                  f"{statistics.median(cpu[(name, body)]):>15,.0f}")
        serve, peer = statistics.median(rates[("Serve", body)]), statistics.median(
            rates[("FastAPI + Pillow + scikit-learn", body)])
        print(f"{'Serve ÷ peer':34}{body:>16}{serve / peer:>11.1f}×")


if __name__ == "__main__":
    main()
