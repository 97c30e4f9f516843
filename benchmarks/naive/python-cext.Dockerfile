# Naive (docker init / beginner style): one stage, the source copied in, everything installed into the
# runtime image itself (pip and its cache, dev tools, compilers included), run as root.
FROM python:3.13-slim-trixie
RUN apt-get update && apt-get install -y gcc libpq-dev
COPY . /src
RUN pip install /src
CMD ["python", "-m", "hello_c"]
