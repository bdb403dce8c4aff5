"""Where the CPU goes during a load run (Linux /proc; informative figures of bench/load.py)."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _proc_stat(pid: int) -> list[str] | None:
    try:
        data = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return data[data.rfind(")") + 2:].split()  # fields from 3 (state) on


def cpu_of_group(pgid: int) -> float:
    """CPU seconds (user + system, with reaped children) of every process in a process group."""
    total = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _proc_stat(int(entry.name))) and int(fields[2]) == pgid:
            total += sum(int(v) for v in fields[11:15])
    return total / TICK


def cpu_of_pids(pids: list[int]) -> dict[int, float]:
    out = {}
    for pid in pids:
        if fields := _proc_stat(pid):
            out[pid] = sum(int(v) for v in fields[11:13]) / TICK
    return out


def postgres_backends(conn: psycopg.Connection, database: str) -> list[int]:
    return [pid for (pid,) in conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", (database,))]


def machine_busy() -> float:
    """CPU seconds all cores spent busy since boot: user, nice, system, irq and softirq."""
    try:
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except OSError:
        return 0.0
    return (values[0] + values[1] + values[2] + values[5] + values[6]) / TICK  # user nice system irq softirq


@dataclass
class CpuMeter:
    """Core-seconds per part between start() and stop(). PostgreSQL's backends come and go
    (CONN_MAX_AGE): they are sampled twice a second, each counted up to its last sample."""

    web: int
    worker: int
    server: str  # postgres://… of the server, without a database
    database: str
    before: dict = field(default_factory=dict)
    after: dict = field(default_factory=dict)
    backends: dict = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)

    def sample(self, conn: psycopg.Connection) -> dict:
        return {"web": cpu_of_group(self.web), "worker": cpu_of_group(self.worker),
                "postgres": cpu_of_pids(postgres_backends(conn, self.database)), "client": time.process_time(),
                "machine": machine_busy()}

    def _watch_backends(self) -> None:
        with psycopg.connect(f"{self.server}/postgres", autocommit=True) as conn:
            while not self._stop.wait(0.5):
                self.backends.update(cpu_of_pids(postgres_backends(conn, self.database)))

    def start(self) -> None:
        with psycopg.connect(f"{self.server}/postgres", autocommit=True) as conn:
            self.before = self.sample(conn)
        self._thread = threading.Thread(target=self._watch_backends, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        with psycopg.connect(f"{self.server}/postgres", autocommit=True) as conn:
            self.after = self.sample(conn)
        self.after["postgres"] = {**self.backends, **self.after["postgres"]}

    def report(self, elapsed: float) -> list[str]:
        b, a = self.before, self.after
        used = {k: a[k] - b[k] for k in ("web", "worker", "client", "machine")}
        used["postgres"] = sum(v - b["postgres"].get(pid, 0.0) for pid, v in a["postgres"].items())
        used["other"] = max(0.0, used["machine"] - used["web"] - used["worker"] - used["client"] - used["postgres"])
        cores = os.cpu_count() or 1
        lines = [f"load_cpu_{k}_seconds: {used[k]:.1f}" for k in ("web", "worker", "postgres", "client", "other", "machine")]
        lines.append(f"load_cpu_machine_busy: {100 * used['machine'] / (elapsed * cores):.0f}% of {cores} cores over {elapsed:.0f} s")
        return lines
