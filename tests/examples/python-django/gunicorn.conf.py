# gunicorn reads this file from the working directory.
bind = "0.0.0.0:8002"
workers = 2
