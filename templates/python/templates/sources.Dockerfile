{# Every project: the sources, after the dependencies and before the steps that need them. #}

COPY . .
