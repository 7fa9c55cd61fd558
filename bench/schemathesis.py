"""The driver behind bench/schemathesis: the bundled service (SERVE_BIN) started on a free port, once open
and once with a token, and schemathesis run against its /openapi.json with each seed in turn. Prints each
run's summary (schemathesis's own count of generated cases) and the time it took."""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "e2e"))
from conftest import launch, stop  # noqa: E402
from test_schemathesis import schemathesis  # noqa: E402

TOKEN = "bench-t0ken"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=4)
    parser.add_argument("--examples", type=int, default=500)
    options = parser.parse_args()
    for extra, headers in (((), ()), (("--token", TOKEN), ("--header", f"Authorization: Bearer {TOKEN}"))):
        process, url = launch(*extra)
        try:
            for seed in range(1, options.seeds + 1):
                start = time.monotonic()
                schemathesis(url, seed, options.examples, *headers, timeout=3600)  # prints its summary
                label = "with a token" if extra else "open"
                print(f"  ({label}, {options.examples} examples an operation, {time.monotonic() - start:.0f} s)",
                      flush=True)
        finally:
            stop(process)


if __name__ == "__main__":
    main()
