{# A start script that sets NODE_OPTIONS before a program node runs (`NODE_OPTIONS=… next start`): kept here. #}
# The node options the start script sets for the program it runs, which the image runs without npm.
ENV NODE_OPTIONS="{{ c.node_options }}"
