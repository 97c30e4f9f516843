# Naive (docker init / beginner style): one stage, the source copied in, everything installed into the
# runtime image itself (pip and its cache, dev tools, compilers included), run as root.
FROM python:3.13-slim-trixie
WORKDIR /app
COPY . .
RUN pip install uv && uv sync --frozen
EXPOSE 8001
CMD [".venv/bin/uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8001"]
