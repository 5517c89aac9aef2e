"""A hub in a subprocess: ``ordet serve --port 0``, as tests, benchmarks and
scenario runs start it. It prints the port it bound, which ``start`` reads."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BANNER = "Ordet listening on "


@dataclass
class HubProcess:
    env: dict[str, str]  # DATABASE_URL, REDIS_URL, ORDET_DATA, ORDET_SECRET, ...
    # The bench runs ("-m", "voting_server.bench.serve"), which also raises file limits.
    command: tuple[str, ...] = ("-m", "voting_server.cli", "serve")
    process: subprocess.Popen[bytes] | None = None
    url: str = ""
    log_path: Path | None = None

    def start(self, port: int = 0, timeout: float = 30) -> HubProcess:
        """Start and wait for the line that names the bound port."""
        log_path = Path(self.env["ORDET_DATA"]) / f"hub-{time.monotonic_ns()}.log"
        self.log_path = log_path
        with log_path.open("w") as out:
            self.process = subprocess.Popen(
                [sys.executable, *self.command, "--port", str(port)],
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.process.poll() is None:
            for line in log_path.read_text().splitlines():
                if line.startswith(BANNER):
                    self.url = line.removeprefix(BANNER).strip().rstrip("/")
                    return self
            time.sleep(0.02)
        self.stop()
        raise RuntimeError("hub did not start:\n" + log_path.read_text())

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as in a crash."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
