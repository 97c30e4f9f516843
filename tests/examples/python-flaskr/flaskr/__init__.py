"""The Flask tutorial's application factory, its shape kept: config from the instance folder, the SQLite file in it."""

import os

from flask import Flask


def create_app(test_config=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(SECRET_KEY="dev", DATABASE=os.path.join(app.instance_path, "flaskr.sqlite"))  # noqa: PTH118
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.update(test_config)
    os.makedirs(app.instance_path, exist_ok=True)  # noqa: PTH103 (the tutorial's own form)

    from flaskr import blog, db

    db.init_app(app)
    app.register_blueprint(blog.bp)
    app.add_url_rule("/", endpoint="index")
    return app
