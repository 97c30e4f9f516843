{# The user of a python slim final image (runtime=slim), created in its stage. #}
USER 10001:10001
