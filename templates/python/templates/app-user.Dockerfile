{# Apps on python slim (runtime=slim): the user the image runs as, created in its stage. #}
# A fixed, unprivileged user: the numeric id lets orchestrators verify it is not root. Its home is its own:
# libraries keep sockets and caches under ~ (gunicorn 25's control socket, matplotlib's config).
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --create-home --home-dir /home/app --shell /usr/sbin/nologin app
