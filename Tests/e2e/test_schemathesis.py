"""Schemathesis against the running service's own /openapi.json: every check, fixed seeds, a few thousand
generated cases in all, with and without a token. Settings in schemathesis.toml beside this file."""
import pathlib
import subprocess

HERE = pathlib.Path(__file__).resolve().parent


def schemathesis(url, seed, examples, *extra, timeout=600):
    """Runs schemathesis once and returns its summary line; fails on any finding."""
    result = subprocess.run(
        ["schemathesis", "--config-file", str(HERE / "schemathesis.toml"), "run", url + "/openapi.json",
         "--checks", "all", "--seed", str(seed), "--max-examples", str(examples), "--workers", "1",
         "--no-color", *extra],
        capture_output=True, text=True, timeout=timeout,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    generated = next(line for line in result.stdout.splitlines() if "generated" in line)
    print(f"schemathesis (seed {seed}): {generated.strip()}")
    return generated


# The tests run the debug build, where the clothing network takes about 26 ms an image: a batch of the
# default 1,000 images would outlast schemathesis's 10 s request timeout (release: about 0.1 s).
BATCH = ("--max-batch-size", "100")


def test_the_open_service_passes_every_check(start_server):
    assert "passed" in schemathesis(start_server(*BATCH), 42, 250)


def test_a_service_with_a_token_passes_every_check_including_ignored_auth(start_server):
    url = start_server("--token", "fuzz-t0ken", *BATCH)
    assert "passed" in schemathesis(url, 43, 100, "--header", "Authorization: Bearer fuzz-t0ken")
