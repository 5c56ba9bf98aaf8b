"""Serve a built site on 127.0.0.1 as GitHub Pages does: text gzip-compressed when asked.

    .venv/bin/python bench/serve_gzip.py SITE_DIR [PORT]

Used by bench/page_bench.py (page weight and Lighthouse); also handy to look at a build.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import sys
import threading
from pathlib import Path

COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml", "text/calendar")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler, with gzip (level 6, as Pages' servers) for text types."""

    def send_head(self):  # the standard library's hook
        path = self.translate_path(self.path)
        if Path(path).is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder
            path = str(Path(path) / "index.html")
        kind = self.guess_type(path)
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not wants or not kind.startswith(COMPRESSED) or not Path(path).is_file():
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format, *args):
        pass


def serve(folder: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(GzipHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


if __name__ == "__main__":
    server = serve(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 8000)
    print(f"http://127.0.0.1:{server.server_address[1]}/", flush=True)
    threading.Event().wait()
