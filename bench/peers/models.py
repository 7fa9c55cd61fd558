"""The peers' models: scikit-learn fitted on the same data files and split as Serve's handlers.

iris: LogisticRegression on data/iris.csv (standardised features, every row, as Serve's artifact
records). sentiment: CountVectorizer (words and word pairs) + MultinomialNB on the first 12,734 lines
of data/sentiment.jsonl, the lines Serve's model trains on.

    python models.py OUT_DIR      fits both and pickles them into OUT_DIR (bench/run does this)
"""

import csv
import json
import os
import pickle
import sys

SPECIES = ["setosa", "versicolor", "virginica"]
SENTIMENT_TRAINING_LINES = 12_734


def fit(repository, out):
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.naive_bayes import MultinomialNB
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    with open(os.path.join(repository, "data/iris.csv")) as file:
        rows = list(csv.DictReader(file))
    features = [[float(row[name]) for name in ("sepal_length", "sepal_width", "petal_length", "petal_width")]
                for row in rows]
    labels = [SPECIES.index(row["species"]) for row in rows]
    iris = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)).fit(features, labels)

    with open(os.path.join(repository, "data/sentiment.jsonl")) as file:
        lines = [json.loads(line) for line in file][:SENTIMENT_TRAINING_LINES]
    sentiment = make_pipeline(CountVectorizer(ngram_range=(1, 2), min_df=2), MultinomialNB(alpha=0.5))
    sentiment.fit([line["text"] for line in lines], [line["label"] == "positive" for line in lines])

    os.makedirs(out, exist_ok=True)
    for name, model in (("iris", iris), ("sentiment", sentiment)):
        with open(os.path.join(out, name + ".pkl"), "wb") as file:
            pickle.dump(model, file)


def load(name):
    """The pickled model `name` from the folder in $PEER_MODELS."""
    with open(os.path.join(os.environ["PEER_MODELS"], name + ".pkl"), "rb") as file:
        return pickle.load(file)


class Models:
    """Both models, loaded once, with the same answers as Serve's functions (less the evidence list)."""

    def __init__(self):
        self.iris = load("iris")
        self.sentiment = load("sentiment")

    def iris_predict(self, sepal_length, sepal_width, petal_length, petal_width):
        probabilities = self.iris.predict_proba([[sepal_length, sepal_width, petal_length, petal_width]])[0]
        best = max(range(3), key=lambda index: probabilities[index])
        return {"species": SPECIES[best],
                "probabilities": {name: float(p) for name, p in zip(SPECIES, probabilities)}}

    def sentiment_predict(self, text):
        negative, positive = self.sentiment.predict_proba([text])[0]
        return {"label": "positive" if positive >= 0.5 else "negative",
                "positive": float(positive), "negative": float(negative)}


if __name__ == "__main__":
    fit(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../.."), sys.argv[1])
