"""`serve app.predict` on plain Swift files in temporary folders: the real `serve` compiles them against
the runtime beside it and serves them on a real socket."""
import json
import os
import socket
import subprocess
import textwrap
import time
import urllib.request

import firefly
import pytest
import requests

import images
from conftest import BINARY

PREDICT = '''
/// Predicts whether a text is positive.
/// - Parameter text: The text to score.
/// - Returns: "positive" or "negative".
func predict(text: String) -> String { text.contains("good") ? "positive" : "negative" }
'''


@pytest.fixture(scope="session")
def cache(tmp_path_factory):
    """One build cache for the session, apart from the user's own."""
    return str(tmp_path_factory.mktemp("serve-cache"))


@pytest.fixture
def app(tmp_path, cache):
    """Writes app files into a fresh folder and runs `serve` there; stops what it started."""
    started = []

    class App:
        folder = tmp_path

        def write(self, source, name="app.swift"):
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(source))
            return path

        def run(self, *arguments, timeout=300):
            """`serve ARGUMENTS` to its end: (exit status, stdout, stderr)."""
            done = subprocess.run(
                [BINARY, *arguments], cwd=tmp_path, env=self.environment(), capture_output=True, text=True,
                timeout=timeout)
            return done.returncode, done.stdout, done.stderr

        def serve(self, *arguments, bind="127.0.0.1:0"):
            """`serve ARGUMENTS --bind BIND` started; (process, URL, start-up line)."""
            process = subprocess.Popen(
                [BINARY, *arguments, "--bind", bind, "--log-level", "warning"], cwd=tmp_path,
                env=self.environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            started.append(process)
            line = process.stdout.readline()
            url = next((word for word in line.split() if word.startswith("http://")), None)
            assert url, f"serve did not start: {line!r} {process.stderr.read() if process.poll() is not None else ''}"
            return process, url, line

        @staticmethod
        def environment():
            return {**os.environ, "SERVE_CACHE_DIR": cache}

    yield App()
    for process in started:
        if process.poll() is None:
            process.terminate()
            assert process.wait(timeout=30) == 0


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def post(url, body):
    request = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def status_of(url, body=None):
    try:
        request = urllib.request.Request(url, None if body is None else json.dumps(body).encode())
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def test_a_plain_function_answers_get_and_post_with_its_doc_comment_in_the_documents(app):
    app.write(PREDICT)
    _, url, line = app.serve("app.predict")
    assert "predict from ./app.swift" in line
    assert get(f"{url}/predict?text=good") == "positive"
    assert post(f"{url}/predict", {"text": "Please respect each other."}) == "negative"
    operation = get(f"{url}/openapi.json")["paths"]["/predict"]["post"]
    assert operation["summary"] == "Predicts whether a text is positive."
    assert "The text to score." in json.dumps(operation)
    with urllib.request.urlopen(f"{url}/docs", timeout=10) as response:
        assert response.status == 200 and b"openapi.json" in response.read()
    status, problem = status_of(f"{url}/predict", {"txt": "x"})
    assert status == 422 and "text" in json.dumps(problem)


def test_a_struct_result_gets_its_schema(app):
    app.write('''
        /// A point on the plane.
        struct Point { var x: Double; var y: Double }

        /// Moves a point right.
        func shift(point: Point, by distance: Double = 1) -> Point { Point(x: point.x + distance, y: point.y) }
        ''')
    _, url, _ = app.serve("app")
    assert post(f"{url}/shift", {"point": {"x": 1, "y": 2}}) == {"x": 2.0, "y": 2.0}
    assert post(f"{url}/shift", [{"x": 1, "y": 2}, 3]) == {"x": 4.0, "y": 2.0}
    assert "A point on the plane." in json.dumps(get(f"{url}/openapi.json"))


def test_a_free_form_json_parameter_and_result_travel_as_they_are(app):
    app.write('''
        /// Wraps any JSON document.
        /// - Parameter document: Anything.
        func wrap(document: JSONValue) -> JSONValue { ["got": document] }
        ''')
    _, url, _ = app.serve("app")
    document = {"a": [1, 2.5, {"b": None}], "c": "text", "d": True}
    assert post(f"{url}/wrap", {"document": document}) == {"got": document}
    assert post(f"{url}/wrap", {"document": "plain"}) == {"got": "plain"}
    schema = get(f"{url}/openapi.json")["paths"]["/wrap"]["post"]["requestBody"]["content"]["application/json"]
    assert "document" in json.dumps(schema)
    status, _ = status_of(f"{url}/wrap", {"other": 1})
    assert status == 422


def test_a_top_level_model_is_loaded_once_before_the_socket_opens(app):
    app.write('''
        import Foundation

        struct Model {
            let words: Set<String>
            init(path: String) throws {
                words = Set(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\\n").map(String.init))
                FileManager.default.createFile(atPath: "loads-\\(getpid())", contents: nil)
            }
        }

        let model = try Model(path: "words.txt")

        /// Whether the word is known.
        func known(word: String) -> Bool { model.words.contains(word) }
        ''')
    (app.folder / "words.txt").write_text("good\nfine\n")
    _, url, _ = app.serve("app.known")
    assert len(list(app.folder.glob("loads-*"))) == 1  # loaded before the start-up line
    assert [get(f"{url}/known?word={word}") for word in ["good", "bad", "fine"] * 5] == [True, False, True] * 5
    assert len(list(app.folder.glob("loads-*"))) == 1


def test_a_type_with_a_throwing_init_is_made_once_and_its_methods_are_served(app):
    app.write('''
        import Foundation

        /// Cog's and BentoML's shape: state made once in init, methods served.
        final class Scorer {
            let words: Set<String>
            init() throws {
                words = Set(try String(contentsOfFile: "words.txt", encoding: .utf8).split(separator: "\\n").map(String.init))
                FileManager.default.createFile(atPath: "loads-\\(getpid())", contents: nil)
            }

            /// Whether the word is known.
            func known(word: String) -> Bool { words.contains(word) }

            private func helper() -> Int { 1 }
        }
        ''')
    (app.folder / "words.txt").write_text("good\n")
    _, url, line = app.serve("app")
    assert "Serving known from ./app.swift" in line
    assert len(list(app.folder.glob("loads-*"))) == 1
    assert [get(f"{url}/known?word={word}") for word in ["good", "bad"] * 5] == [True, False] * 5
    assert len(list(app.folder.glob("loads-*"))) == 1
    assert get(f"{url}/openapi.json")["paths"]["/known"]["post"]["summary"] == "Whether the word is known."
    (app.folder / "words.txt").unlink()
    status, _, err = app.run("app")
    assert status == 1
    errors = [line for line in err.splitlines() if line.startswith("Error")]
    assert len(errors) == 1 and errors[0].startswith("Error: app.swift:5: ") and "words.txt" in errors[0]
    assert "Fatal error" not in err


def test_a_load_that_throws_ends_start_up_with_one_line_and_exit_1(app):
    app.write('''
        struct MissingModel: Error, CustomStringConvertible {
            var description: String { "model.json not found" }
        }
        struct Model { init() throws { throw MissingModel() } }
        let model = try Model()
        func predict(text: String) -> String { text }
        ''')
    status, out, err = app.run("app.predict", "--bind", "127.0.0.1:0")
    assert status == 1
    errors = [line for line in err.splitlines() if line.startswith("Error")]
    assert errors == ["Error: app.swift:6: model.json not found"]
    assert "Fatal error" not in err and "backtrace" not in err.lower() and "Serving" not in out


def test_a_compile_error_points_at_the_users_file_line_and_column(app):
    app.write('''
        /// Adds.
        func add(a: Int, b: Int) -> Int { a + b + missing }
        ''')
    status, _, err = app.run("app.add")
    assert status == 1
    assert "app.swift:3:43: error: cannot find 'missing' in scope" in err
    assert "serve-cache" not in err and "main.swift" not in err


def test_a_type_that_cannot_travel_as_json_is_reported_with_file_line_and_why(app):
    app.write('''
        import Foundation
        func age(born: Date) -> Int { 0 }
        ''')
    status, _, err = app.run("app")
    assert status == 1
    assert "app.swift:3:16: error: parameter 'born' of 'age' has type 'Date', which cannot travel as JSON" in err


def test_serve_app_serves_every_function_and_names_select_some(app):
    app.write(PREDICT + '''
        /// Explains a prediction.
        func explain(text: String) -> [String] { text.split(separator: " ").map(String.init) }

        private func helper() -> Int { 1 }
        ''')
    _, url, line = app.serve("app")
    assert "Serving explain, predict from ./app.swift" in line or "Serving predict, explain from ./app.swift" in line
    assert post(f"{url}/explain", {"text": "a b"}) == ["a", "b"]
    assert status_of(f"{url}/helper")[0] == 404
    _, url, _ = app.serve("app.predict", "app.explain")
    assert post(f"{url}/explain", {"text": "a"}) == ["a"]
    _, url, _ = app.serve("app.predict")
    assert status_of(f"{url}/explain")[0] == 404
    status, _, err = app.run("app.nothing")
    assert status == 2 and "nothing" in err and "predict" in err


def test_a_folder_of_files_is_one_app(app):
    app.write("struct Greeting { var text: String }\n", "app/types.swift")
    app.write('func greet(name: String) -> Greeting { Greeting(text: "hello " + name) }\n', "app/greet.swift")
    _, url, line = app.serve("app")
    assert "from ./app/" in line
    assert get(f"{url}/greet?name=ada") == {"text": "hello ada"}


def test_a_second_start_compiles_nothing(app):
    app.write(PREDICT)
    first, _, first_err = app.run("app", "--list")
    second, out, second_err = app.run("app", "--list")
    assert first == second == 0 and out.split() == ["predict"]
    assert "Compiling" in first_err and "Compiling" not in second_err


def test_reload_picks_up_an_edit_and_survives_a_broken_one(app):
    path = app.write('func hello(name: String) -> String { "hello " + name }\n')
    with socket.socket() as probe:  # each new build binds the same address, so it cannot be port 0
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process, url, _ = app.serve("app", "--reload", bind=f"127.0.0.1:{port}")
    assert get(f"{url}/hello?name=x") == "hello x"

    def answer_becomes(expected):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if get(f"{url}/hello?name=x") == expected:
                    return True
            except OSError:
                pass  # between the old server and the new one
            time.sleep(0.2)
        return False

    path.write_text('func hello(name: String) -> String { "hi " + name }\n')
    assert answer_becomes("hi x")
    path.write_text('func hello(name: String) -> String { "hey " + nam }\n')
    time.sleep(4)
    assert get(f"{url}/hello?name=x") == "hi x"  # the broken edit left the last good build serving
    path.write_text('func hello(name: String) -> String { "hey " + name }\n')
    assert answer_becomes("hey x")
    process.terminate()
    assert process.wait(timeout=30) == 0
    assert "app.swift:1:47: error: cannot find 'nam' in scope" in process.stderr.read()


def test_a_builds_warnings_are_shown_once_at_the_users_line(app):
    app.write('func f() -> Int {\n    let unused = 1\n    return 2\n}\n')
    first = subprocess.run([BINARY, "app", "--list"], cwd=app.folder, env=app.environment(), capture_output=True,
                           text=True, timeout=300)
    assert first.returncode == 0 and first.stdout.split() == ["f"]
    assert "app.swift:2:9: warning: initialization of immutable value 'unused' was never used" in first.stderr
    second = subprocess.run([BINARY, "app", "--list"], cwd=app.folder, env=app.environment(), capture_output=True,
                            text=True, timeout=300)
    assert second.returncode == 0 and "warning" not in second.stderr  # the cached build is not compiled again


def test_a_reload_child_stops_when_its_watcher_is_killed(app):
    app.write('func hello(name: String) -> String { "hello " + name }\n')
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process, url, _ = app.serve("app", "--reload", bind=f"127.0.0.1:{port}")
    assert get(f"{url}/hello?name=x") == "hello x"
    process.kill()  # SIGKILL: the watcher cannot pass anything on
    process.wait(timeout=10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            get(f"{url}/hello?name=x")
        except OSError:
            break  # the child drained and stopped: nothing listens on the port any more
        time.sleep(0.2)
    else:
        raise AssertionError("the app kept serving after serve --reload was killed")


def test_serve_build_writes_a_standalone_binary_that_serves(app):
    app.write(PREDICT)
    status, out, err = app.run("build", "app", "-o", "predictor")
    assert status == 0, err
    binary = str(app.folder / "predictor")
    libraries = subprocess.run(["ldd", binary], capture_output=True, text=True).stdout
    assert "libswiftCore" not in libraries
    process = subprocess.Popen([binary, "--bind", "127.0.0.1:0", "--log-level", "warning"], stdout=subprocess.PIPE,
                               text=True)
    try:
        url = next(word for word in process.stdout.readline().split() if word.startswith("http://"))
        assert post(f"{url}/predict", {"text": "good"}) == "positive"
        assert subprocess.run([binary, "healthcheck", "--url", url]).returncode == 0
    finally:
        process.terminate()
        assert process.wait(timeout=30) == 0


def test_firefly_client_calls_a_plain_app_unchanged(app):
    app.write(PREDICT)
    _, url, _ = app.serve("app.predict")
    client = firefly.Client(url)
    assert client.predict(text="Please respect each other.") == "negative"
    assert client.predict(text="good") == "positive"


def test_an_app_takes_an_image_as_a_multipart_part_or_the_whole_body(app):
    app.write('''
        /// Measures a picture.
        func measure(image: Image, label: String = "") -> String {
            "\\(label) \\(image.width)x\\(image.height)x\\(image.channels)"
        }
        ''')
    _, url, _ = app.serve("app")
    response = requests.post(url + "/measure", files={"image": ("photo.jpg", images.PULLOVER_PHOTO, "image/jpeg")},
                             data={"label": "photo"})
    assert response.json() == "photo 224x224x3"
    assert requests.post(url + "/measure", data=images.TROUSER_PNG,
                         headers={"Content-Type": "image/png"}).json() == " 28x28x1"
