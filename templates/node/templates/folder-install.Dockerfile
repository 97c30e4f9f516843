{# A build of a folder's own project (a server's client/) whose dependencies nothing else installs. #}
# The build runs {{ c.folder_install }}/'s own build: its dependencies first (installed by hand where it was made).
RUN {{ c.folder_install_run }}
