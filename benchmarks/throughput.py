"""Throughput of marsad over the SaudiNewsNet corpus: articles/s on one core and peak RSS.

    python benchmarks/throughput.py [--limit N] [--corpus DIR] [--no-model]

Reading and unzipping happen before the clock starts; the figure is for `marsad.extract` alone,
one process, one thread. Not a test: it prints figures and asserts nothing. It also times a fixed
pure-Python loop before and after the run, so that runs on a machine whose speed drifts can be
compared.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

import marsad
from marsad.batch import extract_article
from marsad.read.inputs import Article, read_inputs

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "saudinewsnet"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=0, help="stop after this many articles (0: all)")
    ap.add_argument("--no-model", action="store_true", help="leave out the NER model, as `marsad extract --no-model`")
    args = ap.parse_args()
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says
    articles = [a for a in read_inputs([str(args.corpus)]) if isinstance(a, Article)]
    if args.limit:
        articles = articles[: args.limit]
    chars = sum(len(a.text) for a in articles)
    marsad.extract("تحميل", model=not args.no_model)  # load lexicons, compile matchers, before timing
    before = reference_loop()
    start = time.perf_counter()
    for article in articles:
        extract_article(article, model=not args.no_model)
    seconds = time.perf_counter() - start
    after = reference_loop()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"marsad {marsad.__version__}: {len(articles)} articles, {chars / 1e6:.1f} M characters")
    print(f"{len(articles) / seconds:,.0f} articles/s ({chars / seconds / 1e6:.2f} M chars/s) on one core, "
          f"{seconds:.1f} s; peak RSS {rss_mb:,.0f} MB")
    print(f"machine speed: the reference loop took {before:.2f} s before the run and {after:.2f} s after "
          "(compare runs only where these agree)")
    return 0


def reference_loop() -> float:
    """Seconds a fixed pure-Python loop takes: on a shared machine the same code runs up to a
    third slower from one hour to the next, and this says how fast the machine was."""
    start, total = time.perf_counter(), 0
    for i in range(5_000_000):
        total += i * i
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
