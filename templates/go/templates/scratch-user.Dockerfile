{# Projects whose final image is scratch (runtime_image=scratch). #}
# scratch has no /etc/passwd: give the final image a nonroot user to run as.
