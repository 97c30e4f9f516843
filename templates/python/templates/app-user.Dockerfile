{# Apps on python slim (runtime=slim): the user the image runs as, created in its stage. #}
# A fixed, unprivileged user: the numeric id lets orchestrators verify it is not root.
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app
