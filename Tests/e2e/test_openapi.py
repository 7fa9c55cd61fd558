"""/openapi.json is a valid OpenAPI 3.1 document that describes what the server really does."""
import json
import urllib.request

from openapi_spec_validator import validate


def get_json(url):
    with urllib.request.urlopen(url) as response:
        return json.load(response)


def test_openapi_document_validates(base_url):
    document = get_json(base_url + "/openapi.json")
    validate(document)  # raises on any violation of the OpenAPI 3.1 schema
    assert document["openapi"] == "3.1.0"


def test_add_is_described_with_both_operations_and_its_doc_comment(base_url):
    add = get_json(base_url + "/openapi.json")["paths"]["/add"]
    assert add["post"]["summary"] == "Adds two integers."
    body = add["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert list(body["properties"]) == ["a", "b"]
    assert body["required"] == ["a", "b"]
    assert [p["name"] for p in add["get"]["parameters"]] == ["a", "b"]
    assert add["get"]["parameters"][0]["description"] == "The first addend."
    assert add["post"]["responses"]["200"]["content"]["application/json"]["schema"]["type"] == "integer"
