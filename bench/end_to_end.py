#!/usr/bin/env python3
"""End-to-end benchmark: podlint linting whole inputs, as users run it.

Prepares the inputs (a real corpus replicated to at least 20 MB, a clean
60 MB stream of small Pods, a 29 MB stream full of findings) and runs
podlint on each, in text, JSON and SARIF, at -j1 and -jN. Each run is a
child process measured by the kernel (os.wait4): wall time, CPU time (user +
system) and peak RSS; the median of --repeat runs counts. Beside it, in the
same run, the parser alone (yaml_bench) and yamllint (Debian) on the same
corpus. Prints Markdown tables (docs/performance.md keeps the latest).

Run through scripts/bench.sh --end-to-end, which builds Release first.

    bench/end_to_end.py --podlint build-bench/podlint --yaml-bench build-bench/bench/yaml_bench \\
        --work bench/e2e [--shared ../shared/corpus] [--repeat 3] [--jobs N] [--quick]
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FORMATS = ["text", "json", "sarif"]


def run_measured(argv, stdout=subprocess.DEVNULL, stdin=None):
    """Runs argv; returns (wall s, cpu s, peak RSS MB, exit status)."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.DEVNULL, stdin=stdin)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, child.returncode


def input_bytes(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for root, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    return total


def replicate(source, target, goal_bytes):
    """Copies the manifests of `source` into target/copy-K/ until goal_bytes."""
    if os.path.isdir(target):
        return
    files = []
    for root, _, names in os.walk(source):
        for name in sorted(names):
            if name.endswith((".yaml", ".yml", ".json")):
                files.append(os.path.join(root, name))
    once = sum(os.path.getsize(f) for f in files)
    copies = max(1, -(-goal_bytes // once))
    for k in range(copies):
        for f in files:
            dest = os.path.join(target, f"copy-{k}", os.path.relpath(f, source))
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            shutil.copyfile(f, dest)


def prepare(args):
    os.makedirs(args.work, exist_ok=True)
    scale = 0.1 if args.quick else 1.0
    inputs = []
    corpus = os.path.join(args.work, "corpus")
    if args.shared and os.path.isdir(args.shared):
        replicate(args.shared, corpus, int(20e6 * scale))
        inputs.append(("shared corpus, replicated", corpus))
    else:
        generated = os.path.join(HERE, "corpus")
        subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), "--out", generated, "--seed", "1"],
                       check=True, stdout=subprocess.DEVNULL)
        replicate(generated, corpus, int(20e6 * scale))
        inputs.append(("generated corpus, replicated", corpus))
    for flavour, mb in (("clean", 60), ("noisy", 29)):
        path = os.path.join(args.work, f"{flavour}-stream.yaml")
        if not os.path.exists(path):
            subprocess.run([sys.executable, os.path.join(HERE, "gen_stream.py"), "--flavour", flavour,
                            "--mb", str(mb * scale), "--out", path], check=True, stdout=subprocess.DEVNULL)
        inputs.append((f"{flavour} stream", path))
    return inputs


SUMMARY = re.compile(r"in ([\d,]+) files? \(([\d,]+) documents?, ([\d,]+) Kubernetes objects?")
FINDINGS = re.compile(r"([\d,]+) errors?, ([\d,]+) warnings?, ([\d,]+) info")


def counts(podlint, path):
    """(objects, findings) from podlint's own summary line. The output goes to
    a file, not into this process: a child's peak RSS counts its parent's
    memory from before it started the program."""
    with tempfile.TemporaryFile() as out:
        subprocess.run([podlint, "--color", "never", "--fail-on", "never", path], stdout=out,
                       stderr=subprocess.DEVNULL)
        out.seek(max(0, out.seek(0, os.SEEK_END) - 4096))
        tail = out.read().decode("utf-8", "replace")
    summary = SUMMARY.search(tail)
    findings = FINDINGS.search(tail)
    number = lambda s: int(s.replace(",", ""))
    objects = number(summary.group(3)) if summary else 0
    total = sum(number(g) for g in findings.groups()) if findings else 0
    return objects, total


def supports_jobs(podlint):
    return "--jobs" in subprocess.run([podlint, "--help"], capture_output=True, text=True).stdout


def median_run(argv, repeat):
    runs = [run_measured(argv) for _ in range(repeat)]
    return (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs),
            max(r[2] for r in runs))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--podlint", required=True)
    parser.add_argument("--yaml-bench")
    parser.add_argument("--work", required=True)
    parser.add_argument("--shared")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--quick", action="store_true", help="inputs a tenth of the size, for a smoke run")
    args = parser.parse_args()

    inputs = prepare(args)
    jobs = [1, args.jobs] if supports_jobs(args.podlint) and args.jobs > 1 else [None]
    print(f"podlint: {args.podlint}; median of {args.repeat} runs; "
          f"{os.cpu_count()} cores visible; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n")
    print("| input | MB | objects | findings | format | -j | wall s | CPU s | objects/CPU-s | MB/s (wall) "
          "| peak RSS MB |")
    print("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    for name, path in inputs:
        mb = input_bytes(path) / 1e6
        objects, findings = counts(args.podlint, path)
        for fmt in FORMATS:
            for j in jobs:
                argv = [args.podlint, "--fail-on", "never", "--format", fmt, path]
                if j is not None:
                    argv += ["--jobs", str(j)]
                wall, cpu, rss = median_run(argv, args.repeat)
                print(f"| {name} | {mb:.1f} | {objects:,} | {findings:,} | {fmt} | {j or 1} | {wall:.2f} | "
                      f"{cpu:.2f} | {objects / cpu:,.0f} | {mb / wall:.1f} | {rss:.0f} |", flush=True)

    # One small file, as pre-commit hands podlint a few at a time.
    small = os.path.join(args.work, "small.yaml")
    subprocess.run([sys.executable, os.path.join(HERE, "gen_stream.py"), "--flavour", "clean", "--mb",
                    "0.000001", "--out", small], check=True, stdout=subprocess.DEVNULL)
    walls = sorted(run_measured([args.podlint, "--fail-on", "never", small])[0] for _ in range(30))
    print(f"\nOne small file ({os.path.getsize(small)} bytes): median {statistics.median(walls) * 1000:.1f} ms, "
          f"best {walls[0] * 1000:.1f} ms wall (30 runs)")

    corpus_name, corpus = inputs[0]
    mb = input_bytes(corpus) / 1e6
    print(f"\nBeside podlint, on the {corpus_name} ({mb:.1f} MB):\n")
    print("| tool | wall s | CPU s | MB/s (wall) | peak RSS MB |")
    print("|---|---:|---:|---:|---:|")
    if args.yaml_bench and os.path.exists(args.yaml_bench):
        out = subprocess.run([args.yaml_bench, "--only", "podlint", "--rounds", "3", corpus],
                             capture_output=True, text=True).stdout
        rate = re.search(r"podlint parse\(\) ([\d.]+) MB/s", out)
        if rate:
            print(f"| podlint parse() alone (yaml_bench, one core) | {mb / float(rate.group(1)):.2f} | "
                  f"{mb / float(rate.group(1)):.2f} | {float(rate.group(1)):.1f} | - |")
    wall, cpu, rss = median_run([args.podlint, "--fail-on", "never", "--format", "sarif", corpus], 1)
    print(f"| podlint, SARIF | {wall:.2f} | {cpu:.2f} | {mb / wall:.1f} | {rss:.0f} |")
    if shutil.which("yamllint"):
        wall, cpu, rss, _ = run_measured(["yamllint", "-f", "parsable", "-d", "relaxed", corpus])
        print(f"| yamllint -d relaxed (Debian) | {wall:.2f} | {cpu:.2f} | {mb / wall:.1f} | {rss:.0f} |")
    else:
        print("| yamllint | not installed (apt-get install yamllint) | | | |")


if __name__ == "__main__":
    main()
