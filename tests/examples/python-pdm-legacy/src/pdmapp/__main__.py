"""`python -m pdmapp` serves the app (the port is set here, not in a config file)."""

import uvicorn

from pdmapp.app import app

if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=8005)
