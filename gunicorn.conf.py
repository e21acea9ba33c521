"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py wsgi:app`."""

import gc
import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Sync workers, about two per core: the app is CPU-light and the database does the waiting.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
worker_class = "sync"
preload_app = True
timeout = 30
accesslog = "-"


def post_fork(server, worker):
    # Objects loaded before the fork are shared copy-on-write; keep the GC from touching them.
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
