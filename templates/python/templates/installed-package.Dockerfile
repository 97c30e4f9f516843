{# Projects installed into the venv as a package (copy_source off): the source stays out. #}
# The project is installed in the venv; a copy of its source here would shadow it (and its compiled parts).
