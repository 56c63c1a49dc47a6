"""Measuring a command: wall time, and peak memory of its whole process tree; the machine it runs on."""

from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


@dataclass
class Run:
    seconds: float
    max_rss: int  # bytes: the largest single process of the tree (wait4's ru_maxrss)
    peak_pss: int  # bytes: the largest sum of PSS over the tree, sampled every `interval` seconds
    peak_rss_sum: int  # bytes: the largest sum of RSS over the tree (counts shared pages once per process)
    returncode: int
    stdout: str
    stderr: str


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as stream:
                found += [int(p) for p in stream.read().split()]
    except OSError:
        pass
    return found


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        todo += _children(current)
    return out


def _memory(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process in bytes, 0 if it is gone."""
    pss = rss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as stream:
            for line in stream:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
                elif line.startswith("Rss:"):
                    rss = int(line.split()[1]) * 1024
    except OSError:
        pass
    return pss, rss


def run(command: list[str], cwd: Path = ROOT, interval: float = 0.2, env: dict | None = None) -> Run:
    """Run `command` to its end, sampling the memory of its process tree."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, **(env or {})})
    peak = {"pss": 0, "rss": 0}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            pss = rss = 0
            for pid in _tree(process.pid):
                p, r = _memory(pid)
                pss, rss = pss + p, rss + r
            peak["pss"], peak["rss"] = max(peak["pss"], pss), max(peak["rss"], rss)
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out: list[bytes] = []
    err: list[bytes] = []
    readers = [threading.Thread(target=lambda s=s, b=b: b.append(s.read()), daemon=True)
               for s, b in ((process.stdout, out), (process.stderr, err))]
    for reader in readers:
        reader.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    for reader in readers:
        reader.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, usage.ru_maxrss * 1024, peak["pss"], peak["rss"], process.returncode,
               b"".join(out).decode("utf-8", "replace"), b"".join(err).decode("utf-8", "replace"))


def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    cpu = "unknown"
    try:
        text = Path("/proc/cpuinfo").read_text()
        cpu = re.search(r"model name\s*:\s*(.+)", text).group(1).strip()
    except (OSError, AttributeError):
        pass
    memory = "unknown"
    try:
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass
    versions = {}
    for package in ("lawgraph", "pyoxigraph", "oxigraph", "rdflib", "shacl-rust", "pyshacl", "opencc", "pyahocorasick",
                    "igraph"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "-"
    return {
        "cpu": cpu,
        "cpus": str(os.cpu_count()),
        "memory": memory,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        **versions,
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def mib(n: int) -> str:
    return f"{n / 1024 / 1024:,.0f} MiB"
