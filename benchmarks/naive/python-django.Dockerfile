# Naive (docker init / beginner style): one stage, the source copied in, everything installed into the
# runtime image itself (pip and its cache, dev tools, compilers included), run as root.
FROM python:3.11-slim-bookworm
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt && python manage.py collectstatic --noinput
EXPOSE 8002
CMD ["gunicorn", "site_cfg.wsgi:application"]
