"""``dyad code`` throughput on every core of one machine, against spaCy's parse alone.

    .venv/bin/python benchmarks/bench_scale.py [--short 2000] [--articles 200] [--memory 400,1600]

Two corpora: short texts (one or two sentences of real news: the VOA and RAMS texts of
``../shared/dev`` when that folder is there, else the sentences of the bundled sample corpus;
texts beyond those are given a dateline, so every one is distinct) and full articles
(``corpus.build_texts``: twelve sentences in four paragraphs). On each, in one run:

(a) spaCy's parse alone with every core (``nlp.pipe(..., n_process=cores)``) over the texts'
    paragraphs: the baseline;
(b) each entry of ``VARIANTS`` (``dyad code --workers 1``, ``--workers 2``, and ``--cluster
    local:2`` once ``dyad code`` has that option) run as a user runs it, in a subprocess
    writing the events to a file;

and prints documents/s, sentences/s, the share of the baseline's throughput ("x parse": whole
runs, start-up included) and the same share net of start-up ("x net": each variant's wall time
on an 8-document corpus, which is imports, model loading, the store and the cluster's start,
taken off; the baseline's model is loaded before its clock starts), and the hours 250,000
articles a day would take per core at the net rate. With ``--memory A,B`` it runs
``dyad code --workers 2`` on A and B short texts and prints the peak resident memory of the
parent and of each worker process (the workers share the parent's models by fork, so their
own share, USS, is printed too).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
from corpus import build_texts

from dyad.nlp.parse import load_model, paragraphs
from dyad.settings import Settings, data_path

DYAD = [sys.executable, "-m", "dyad.cli.main"]
SHARED_DEV = Path(__file__).resolve().parents[2] / "shared" / "dev"
DAY = 250_000  # a GDELT day of articles
STARTUP_DOCS = 8  # a run this small measures start-up: imports, models, store, cluster
DATELINES = ("ISLAMABAD", "KABUL", "GENEVA", "NEW DELHI", "BEIJING", "MOSCOW", "ANKARA", "DOHA", "CAIRO")


@dataclass(frozen=True)
class Variant:
    """One way of running ``dyad code``: its label, its options, and an option it needs."""

    label: str
    options: tuple[str, ...]
    needs: str | None = None


VARIANTS = [
    Variant("dyad code --workers 1", ("--workers", "1")),
    Variant("dyad code --workers 2", ("--workers", "2")),
    # a cluster run writes its shards and merged result to a fresh folder ({out}) each time
    Variant("dyad code --cluster local:2", ("--cluster", "local:2", "--out", "{out}"), needs="--cluster"),
]


def short_texts(n: int) -> list[str]:
    """``n`` distinct one- or two-sentence news texts."""
    pool: list[str] = []
    names = ("voa_m2e2_dev.jsonl", "rams_dev.jsonl")
    if all((SHARED_DEV / name).exists() for name in names):
        for name in names:
            for line in (SHARED_DEV / name).read_text(encoding="utf-8").splitlines():
                text = " ".join(json.loads(line)["text"].split())
                if len(text) > 40:
                    pool.append(text)
    else:
        for line in data_path("sample", "articles.jsonl").read_text(encoding="utf-8").splitlines():
            text = json.loads(line)["text"].replace("\n", " ")
            pool += [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 40]
    pool = list(dict.fromkeys(pool))
    out = []
    for i in range(n):
        text, rnd = pool[i % len(pool)], i // len(pool)
        out.append(text if not rnd else f"{DATELINES[rnd % len(DATELINES)]}, day {rnd} - {text}")
    return out


def write_corpus(texts: list[str], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(texts):
            fh.write(json.dumps({"id": f"b{i}", "text": text, "date": "2019-07-22"}) + "\n")
    return path


def parse_alone(texts: list[str], cores: int, settings: Settings) -> tuple[float, int]:
    """Seconds and sentences of ``nlp.pipe`` over the paragraphs with ``cores`` processes."""
    nlp = load_model(settings.model)
    units = [t[s:e] for t in texts for s, e in paragraphs(t)]
    start = time.perf_counter()
    docs = nlp.pipe(units, batch_size=settings.batch_size, n_process=cores)
    n = sum(len(list(doc.sents)) for doc in docs)
    return time.perf_counter() - start, n


def has_option(option: str) -> bool:
    out = subprocess.run([*DYAD, "code", "--help"], capture_output=True, text=True).stdout
    return option in out


def run_code(corpus: Path, options: tuple[str, ...], tmp: Path) -> tuple[float, dict[int, tuple[float, float]]]:
    """Wall seconds of ``dyad code`` on ``corpus``, and each process's peak (RSS, USS) in MiB."""
    events = tmp / "events.jsonl"
    out = Path(tempfile.mkdtemp(prefix="cluster-", dir=tmp))
    options = tuple(o.replace("{out}", str(out)) for o in options)
    start = time.perf_counter()
    proc = subprocess.Popen([*DYAD, "code", str(corpus), *options, "-o", str(events)], stderr=subprocess.PIPE)
    peaks: dict[int, tuple[float, float]] = {}
    top = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            for p in [top, *top.children(recursive=True)]:
                mem = p.memory_full_info()
                old = peaks.get(p.pid, (0.0, 0.0))
                peaks[p.pid] = (max(old[0], mem.rss / 2**20), max(old[1], mem.uss / 2**20))
        except psutil.Error:
            pass
        time.sleep(0.5)
    seconds = time.perf_counter() - start
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    if proc.returncode:
        raise SystemExit(f"dyad code {' '.join(options)} failed: {err}")
    return seconds, {pid: peaks[pid] for pid in sorted(peaks)}


def compare(name: str, texts: list[str], variants: list[Variant], cores: int, tmp: Path) -> None:
    corpus = write_corpus(texts, tmp / f"{name}.jsonl")
    tiny = write_corpus(texts[:STARTUP_DOCS], tmp / f"{name}-startup.jsonl")
    base_s, n_sent = parse_alone(texts, cores, Settings())
    print(f"\n{name}: {len(texts)} documents, {n_sent} sentences")
    print(
        f"{'':34}{'seconds':>9}{'start-up':>9}{'docs/s':>9}{'sents/s':>9}{'x parse':>9}{'x net':>7}"
        f"{f'h/{DAY}/core':>15}"
    )

    def row(label: str, seconds: float, startup: float, procs: int) -> None:
        net = seconds - startup  # the rate once started: what a long run sees
        if net <= 0.05 * seconds:  # the corpus is too small to tell the rate from start-up
            shown, hours = f"{'-':>7}", f"{'-':>15}"
        else:
            shown, hours = f"{base_s / net:7.2f}", f"{DAY / (len(texts) / net / procs) / 3600:15.1f}"
        print(
            f"{label:34}{seconds:9.1f}{startup:9.1f}{len(texts) / seconds:9.1f}{n_sent / seconds:9.1f}"
            f"{base_s / seconds:9.2f}{shown}{hours}"
        )

    row(f"spaCy parse alone, n_process={cores}", base_s, 0.0, cores)
    for v in variants:
        startup, _ = run_code(tiny, v.options, tmp)
        seconds, _ = run_code(corpus, v.options, tmp)
        procs = int(v.options[1]) if v.options[0] == "--workers" else cores
        row(v.label, seconds, startup, procs)


def memory(sizes: list[int], tmp: Path) -> None:
    print("\npeak memory of dyad code --workers 2 (MiB; RSS counts the models the workers share by fork)")
    for size in sizes:
        corpus = write_corpus(short_texts(size), tmp / f"memory{size}.jsonl")
        _, peaks = run_code(corpus, ("--workers", "2"), tmp)
        parent, *workers = peaks.values()
        shown = ", ".join(f"RSS {rss:.0f} (own {uss:.0f})" for rss, uss in workers)
        print(f"{size:6d} short texts: parent RSS {parent[0]:.0f} (own {parent[1]:.0f}); workers: {shown}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--short", type=int, default=2000, help="short texts (one or two sentences)")
    ap.add_argument("--articles", type=int, default=200, help="full articles")
    ap.add_argument("--memory", default="400,1600", help="two corpus sizes for peak memory ('' to skip)")
    args = ap.parse_args()
    cores = len(os.sched_getaffinity(0))
    variants = [v for v in VARIANTS if v.needs is None or has_option(v.needs)]
    skipped = [v.label for v in VARIANTS if v not in variants]
    print(f"{cores} usable cores; load average {os.getloadavg()[0]:.1f} at the start")
    if skipped:
        print(f"not run (dyad code has no such option yet): {', '.join(skipped)}")
    with tempfile.TemporaryDirectory() as tmp:
        if args.short:
            compare("short texts", short_texts(args.short), variants, cores, Path(tmp))
        if args.articles:
            compare("full articles", build_texts(args.articles, seed=11), variants, cores, Path(tmp))
        if args.memory:
            memory([int(s) for s in args.memory.split(",")], Path(tmp))


if __name__ == "__main__":
    main()
