import pandas as pd
from flask import Flask

app = Flask(__name__)

SALES = pd.DataFrame({"region": ["north", "south", "north", "east"], "units": [12, 7, 30, 5]})


@app.route("/")
def totals() -> str:
    by_region = SALES.groupby("region")["units"].sum().sort_index()
    return "units by region: " + ", ".join(f"{k}={v}" for k, v in by_region.items()) + "\n"
