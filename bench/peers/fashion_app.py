"""The clothing classifier as FastAPI + Pillow + scikit-learn would serve it: the image is the request's
whole body (PNG or JPEG), decoded and prepared with Pillow as Serve prepares it (grey, inverted when the
border is light, cropped to the item, fitted into 28 × 28), then classified by a logistic regression
fitted on Fashion-MNIST's 60,000 training images.

    PEER_MODELS=DIR uvicorn --workers 1 --no-access-log --port PORT fashion_app:app
"""
import io

import numpy
from fastapi import FastAPI, HTTPException, Request
from PIL import Image, ImageOps, UnidentifiedImageError

from fashion_model import CLASSES, load

app = FastAPI()
model = load()


def prepare(image):
    grey = image.convert("L")
    pixels = numpy.asarray(grey)
    border = numpy.concatenate([pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]])
    if border.mean() > 127:
        grey = ImageOps.invert(grey)
    elif grey.size == (28, 28):
        return numpy.asarray(grey, dtype=numpy.float32).reshape(1, 784) / 255
    box = grey.point(lambda value: 255 if value > 40 else 0).getbbox() or (0, 0, *grey.size)
    item = grey.crop(box)
    scale = 28 / max(item.size)
    item = item.resize((max(1, round(item.width * scale)), max(1, round(item.height * scale))), Image.BOX)
    canvas = Image.new("L", (28, 28))
    canvas.paste(item, ((28 - item.width) // 2, (28 - item.height) // 2))
    return numpy.asarray(canvas, dtype=numpy.float32).reshape(1, 784) / 255


@app.post("/fashion/predict")
async def predict(request: Request) -> dict:
    try:
        image = Image.open(io.BytesIO(await request.body()))
        image.load()
    except (UnidentifiedImageError, OSError) as error:
        raise HTTPException(status_code=400, detail=str(error))
    probabilities = model.predict_proba(prepare(image))[0]
    ranked = sorted(range(10), key=lambda index: -probabilities[index])
    return {"label": CLASSES[ranked[0]], "probability": float(probabilities[ranked[0]]),
            "top3": [{"label": CLASSES[index], "probability": float(probabilities[index])} for index in ranked[:3]],
            "probabilities": {CLASSES[index]: float(probabilities[index]) for index in range(10)}}
