"""Flask, served by gunicorn's sync workers: add, iris.predict and sentiment.predict.

    PEER_MODELS=DIR gunicorn --workers 3 --bind 127.0.0.1:PORT flask_app:app
"""

from flask import Flask, jsonify, request

from models import Models

app = Flask(__name__)
models = Models()


@app.post("/add")
def add():
    body = request.get_json()
    return jsonify(body["a"] + body["b"])


@app.post("/iris/predict")
def iris_predict():
    body = request.get_json()
    return jsonify(models.iris_predict(body["sepalLength"], body["sepalWidth"], body["petalLength"],
                                       body["petalWidth"]))


@app.post("/sentiment/predict")
def sentiment_predict():
    return jsonify(models.sentiment_predict(request.get_json()["text"]))


@app.get("/healthz")
def healthz():
    return jsonify(status="ok")
