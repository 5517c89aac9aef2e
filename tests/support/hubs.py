"""Hub processes for end-to-end tests: a real uvicorn on port 0, in a subprocess."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class HubProcess:
    env: dict[str, str]
    process: subprocess.Popen[bytes] | None = None
    url: str = ""
    log_path: Path | None = None

    def start(self, port: int = 0) -> HubProcess:
        """Start and wait for the line that names the bound port."""
        log_path = Path(self.env["ORDET_DATA"]) / f"hub-{time.monotonic_ns()}.log"
        self.log_path = log_path
        with log_path.open("w") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "voting_server.cli", "serve", "--port", str(port)],
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and self.process.poll() is None:
            for line in log_path.read_text().splitlines():
                if line.startswith("Ordet listening on "):
                    self.url = line.split()[-1].rstrip("/")
                    return self
            time.sleep(0.05)
        raise RuntimeError("hub did not start:\n" + log_path.read_text())

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as in a crash."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def hub_env(database_url: str, redis_url: str, data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        ORDET_DATA=str(data_dir),
        ORDET_SECRET="test-secret",
        PYTHONUNBUFFERED="1",
    )
    return env
