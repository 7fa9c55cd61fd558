"""FastAPI with pydantic models, served by uvicorn (uvloop and httptools): add, iris.predict and
sentiment.predict. The routes are `async def`, FastAPI's fastest form for work this short.

    PEER_MODELS=DIR uvicorn --workers 1 --no-access-log --port PORT fastapi_app:app
"""

from fastapi import FastAPI
from pydantic import BaseModel

from models import Models

app = FastAPI()
models = Models()


class AddArguments(BaseModel):
    a: int
    b: int


class IrisArguments(BaseModel):
    sepalLength: float
    sepalWidth: float
    petalLength: float
    petalWidth: float


class SentimentArguments(BaseModel):
    text: str


@app.post("/add")
async def add(arguments: AddArguments) -> int:
    return arguments.a + arguments.b


@app.post("/iris/predict")
async def iris_predict(arguments: IrisArguments) -> dict:
    return models.iris_predict(arguments.sepalLength, arguments.sepalWidth, arguments.petalLength,
                               arguments.petalWidth)


@app.post("/sentiment/predict")
async def sentiment_predict(arguments: SentimentArguments) -> dict:
    return models.sentiment_predict(arguments.text)


@app.get("/healthz")
async def healthz() -> dict:
    return {"status": "ok"}
