"""The workshop's sample web app: one route that says which container answered."""

import os

from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello():
    hostname = os.environ.get("HOSTNAME", "unknown")
    # Reaches `docker logs` at once only with PYTHONUNBUFFERED=1 (see Dockerfile.better).
    print(f"GET / answered by {hostname}")
    return f"Hello from {hostname}!"


if __name__ == "__main__":
    # 0.0.0.0, not 127.0.0.1: inside a container, 127.0.0.1 is unreachable from outside.
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")))
