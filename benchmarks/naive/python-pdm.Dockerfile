# Naive (docker init / beginner style): one stage, the source copied in, everything installed into the
# runtime image itself (pip and its cache, dev tools, compilers included), run as root.
FROM python:3.13-slim-trixie
WORKDIR /app
COPY . .
# (hishel<2: the newest pdm breaks with hishel 2 when installed fresh.)
RUN pip install pdm "hishel<2" && pdm install
EXPOSE 8004
CMD ["pdm", "run", "uvicorn", "pdmapp.app:app", "--host", "0.0.0.0", "--port", "8004"]
