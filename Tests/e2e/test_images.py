"""Images over a real socket, every way a client sends them, to the bundled clothing classifier: raw bodies,
multipart (curl -F, requests), base64 and data: URLs in JSON, batches; and the errors (the decoder attacks
are in test_bad_input.py's corpus; a user's app.swift taking an image is in test_apps.py)."""
import base64
import json
import re
import subprocess
import urllib.request

import pytest
import requests

import images
from conftest import launch, stop


@pytest.fixture(scope="module")
def fashion():
    process, url = launch("fashion")
    yield url
    assert process.poll() is None
    stop(process)


def predict(url, data, content_type):
    request = urllib.request.Request(url + "/fashion/predict", data=data, headers={"Content-Type": content_type})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def test_every_way_of_sending_an_image_gets_the_same_answer(fashion):
    png = images.TROUSER_PNG
    encoded = base64.b64encode(png).decode()
    answers = [
        predict(fashion, png, "image/png"),
        predict(fashion, png, "application/octet-stream"),
        requests.post(fashion + "/fashion/predict", files={"image": ("trouser.png", png, "image/png")}).json(),
        predict(fashion, json.dumps({"image": encoded}).encode(), "application/json"),
        predict(fashion, json.dumps({"image": "data:image/png;base64," + encoded}).encode(), "application/json"),
        requests.post(fashion + "/fashion/predict/batch", json={"instances": [{"image": encoded}]}).json()[
            "predictions"][0],
    ]
    for curl in (["--data-binary", "@-", "-H", "Content-Type: image/png"], ["--data-binary", "@-"],
                 ["-F", "image=@-;filename=trouser.png"]):
        output = subprocess.run(["curl", "-sS", *curl, fashion + "/fashion/predict"], input=png,
                                capture_output=True, check=True).stdout
        answers.append(json.loads(output))
    assert answers[0]["label"] == "Trouser"
    assert all(answer == answers[0] for answer in answers), answers
    assert [guess["label"] for guess in answers[0]["top3"]][0] == "Trouser"
    assert abs(sum(answers[0]["probabilities"].values()) - 1) < 1e-6


def test_jpeg_and_a_photo_style_jpeg_are_classified(fashion):
    assert predict(fashion, images.TROUSER_JPEG, "image/jpeg")["label"] == "Trouser"
    assert predict(fashion, images.PULLOVER_PHOTO, "image/jpeg")["label"] == "Pullover"


@pytest.mark.parametrize("body,content_type,status,words", [
    (images.TROUSER_PNG[:60], "image/png", 400, "decoder cannot read"),
    (images.png_declaring(30_000, 30_000, rows=1), "image/png", 422, "30000 × 30000"),
    (images.gif(), "image/gif", 415, "image/png, image/jpeg"),
    (b'{"image": "not base64!"}', "application/json", 422, "'image' should be base64"),
])
def test_each_error_has_its_status_and_reason(fashion, body, content_type, status, words):
    response = requests.post(fashion + "/fashion/predict", data=body, headers={"Content-Type": content_type})
    assert response.status_code == status, response.text
    assert words in response.json()["error"]


def test_an_image_over_the_upload_limit_gets_413_that_urllib_reads(fashion):
    request = urllib.request.Request(fashion + "/fashion/predict", data=b"\x89PNG" + b"\0" * (9 << 20),
                                     headers={"Content-Type": "image/png"})
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=30)
    assert error.value.code == 413
    assert "8388608 bytes" in json.load(error.value)["error"]


def test_the_openapi_document_describes_the_upload(fashion):
    document = requests.get(fashion + "/openapi.json").json()
    content = document["paths"]["/fashion/predict"]["post"]["requestBody"]["content"]
    image = dict(content["application/json"]["schema"]["properties"]["image"])
    pattern = re.compile(image.pop("pattern"))
    assert image == {
        "type": "string", "contentEncoding": "base64", "contentMediaType": "image/*",
        "description": "A photo of one piece of clothing (PNG or JPEG)."}
    # The pattern says what the reader takes: base64 or a base64 data: URL, and nothing else.
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n").decode()
    assert pattern.search(png) and pattern.search("data:image/png;base64," + png)
    assert not pattern.search("\u008f") and not pattern.search("data:image/png," + png)
    assert content["multipart/form-data"]["schema"]["properties"]["image"]["format"] == "binary"
    assert content["multipart/form-data"]["encoding"]["image"]["contentType"] == "image/png, image/jpeg"
    assert set(content) >= {"image/png", "image/jpeg", "application/octet-stream"}

