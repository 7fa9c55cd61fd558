"""The peer's clothing model: scikit-learn's LogisticRegression on Fashion-MNIST's 60,000 training
images (pixels / 255), read from Debian's dataset-fashion-mnist, as Serve's model is.

    python fashion_model.py OUT_DIR      fits it and pickles it into OUT_DIR/fashion.pkl
"""
import gzip
import os
import pickle
import sys

import numpy

CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
DATA = "/usr/share/datasets/fashion-mnist"


def read(part):
    images = numpy.frombuffer(gzip.open(f"{DATA}/{part}-images-idx3-ubyte.gz").read()[16:], dtype=numpy.uint8)
    labels = numpy.frombuffer(gzip.open(f"{DATA}/{part}-labels-idx1-ubyte.gz").read()[8:], dtype=numpy.uint8)
    return images.reshape(-1, 784).astype(numpy.float32) / 255, labels


def fit(out):
    from sklearn.linear_model import LogisticRegression

    images, labels = read("train")
    model = LogisticRegression(max_iter=200).fit(images, labels)
    test_images, test_labels = read("t10k")
    print(f"peer fashion model: test accuracy {model.score(test_images, test_labels):.4f}", file=sys.stderr)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "fashion.pkl"), "wb") as file:
        pickle.dump(model, file)


def load():
    with open(os.path.join(os.environ["PEER_MODELS"], "fashion.pkl"), "rb") as file:
        return pickle.load(file)


if __name__ == "__main__":
    fit(sys.argv[1])
