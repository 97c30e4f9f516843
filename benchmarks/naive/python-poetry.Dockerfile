# Naive (docker init / beginner style): one stage, the source copied in, everything installed into the
# runtime image itself (pip and its cache, dev tools, compilers included), run as root.
# (`poetry install` cannot reach the release pages it needs here, so the naive file uses poetry's export.)
FROM python:3.13-slim-trixie
WORKDIR /app
COPY . .
RUN pip install poetry poetry-plugin-export \
    && poetry export --with dev -o requirements.txt && pip install -r requirements.txt && pip install gunicorn .
EXPOSE 8003
CMD ["gunicorn", "--bind", "0.0.0.0:8003", "quotes.app:app"]
