from fastapi import Depends, FastAPI
from sqlalchemy import select
from sqlalchemy.orm import Session

from . import models
from .database import SessionLocal

app = FastAPI()


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


@app.get("/")
def read_items(db: Session = Depends(get_db)):
    items = db.scalars(select(models.Item)).all()
    return {"message": "Hello from FastAPI and Alembic", "items": [{"id": i.id, "title": i.title} for i in items]}
