"""Firefly's own Python client (firefly-python from PyPI), unchanged, calling the real `serve` binary."""
import firefly
import pytest
from firefly.client import FireflyError
from firefly.validator import ValidationError


def test_calls_add_like_a_local_function(base_url):
    assert firefly.Client(base_url).add(a=10, b=20) == 30


def test_calls_group_functions_by_their_qualified_names(base_url):
    client = firefly.Client(base_url)
    iris = getattr(client, "iris.predict")  # Python names cannot hold the dot
    assert iris(sepalLength=5.9, sepalWidth=3.0, petalLength=5.1, petalWidth=1.8)["species"] == "virginica"
    sentiment = getattr(client, "sentiment.predict")
    assert sentiment(text="What a wonderful film")["label"] == "positive"


def test_shows_the_functions_documentation(base_url):
    assert firefly.Client(base_url).add.__doc__.startswith("Adds two integers")


def test_bad_arguments_raise_firefly_validation_error(base_url):
    with pytest.raises(ValidationError, match="'a' should be integer"):
        firefly.Client(base_url).add(a="ten", b=20)
    with pytest.raises(ValidationError, match="text"):
        getattr(firefly.Client(base_url), "sentiment.predict")(text="   ")


def test_an_unknown_function_raises_firefly_error(base_url):
    with pytest.raises(FireflyError, match="not found"):
        firefly.Client(base_url).subtract(a=1, b=2)

