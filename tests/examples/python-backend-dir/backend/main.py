from fastapi import FastAPI

from routers import notes

app = FastAPI(title="Notes")
app.include_router(notes.router)
