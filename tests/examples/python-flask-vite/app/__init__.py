from flask import Flask, send_from_directory


def create_app():
    app = Flask(__name__)

    @app.route("/")
    def index():
        # Vite's build (frontend/, `npm run build`) writes index.html and its bundles into app/static.
        return send_from_directory(app.static_folder, "index.html")

    @app.route("/api/hello")
    def hello():
        return {"message": "Hello from Flask"}

    return app
