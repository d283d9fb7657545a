#!/usr/bin/env python3
"""The cv2 peer of `npm run bench:chains`: each chain's steps as OpenCV calls
into preallocated dst= arrays (the buffer plan bench/lib/chains.mjs made),
timed at cv2.setNumThreads(1) and at cv2's default, checked against
pixchain's output, and each chain's peak RSS growth in a fresh process.

    python3 bench/cross/chains.py --manifest DIR/manifest.json --out DIR/cv2.json

Uses cross.py's venv (bench/cross/.venv, created on first use) and its
timing rule. Progress goes to stderr, results to --out.
"""

import argparse
import json
import os
import platform
import resource
import subprocess
import sys

from cross import ensure_venv, file_sha256, in_venv, measure

HERE = os.path.dirname(os.path.abspath(__file__))
MEMORY_RUNS = 3
TYPE_MAX = {"u8": 255, "u16": 65535, "f32": 1.0}


def log(message):
    print(f"[chains] {message}", file=sys.stderr, flush=True)


def dtypes(np):
    return {"u8": np.uint8, "u16": np.uint16, "f32": np.float32}


def shape_of(width, height, spec):
    return (height, width, spec["channels"]) if spec["channels"] > 1 else (height, width)


def step_call(cv2, step, frame):
    """One step as a cv2 call reading and writing preallocated arrays."""
    op, o = step["op"], step["options"]
    src, dst = frame(step["src"]), frame(step["dst"])
    out_type = step["outSpec"]["type"]
    border = cv2.BORDER_REFLECT_101
    if op == "gaussianBlur":
        # ksize (0, 0): OpenCV derives round(σ·6 + 1) | 1 taps for u8 and
        # round(σ·8 + 1) | 1 for other depths, the rule pixchain defaults to.
        sigma = o["sigma"]
        return lambda: cv2.GaussianBlur(src, (0, 0), sigma, dst=dst, sigmaY=sigma, borderType=border)
    if op == "clip":
        # No single clamp in OpenCV: max then min, the second in place in dst.
        lo, hi = float(o["min"]), float(o["max"])

        def clip():
            cv2.max(src, lo, dst=dst)
            cv2.min(dst, hi, dst=dst)

        return clip
    # cv2 has no Mat.convertTo for NumPy arrays: addWeighted with a zero
    # second weight is the same saturate(a·x + b) (convertScaleAbs would
    # take the absolute value).
    if op == "linear":
        a, b = o.get("a", 1.0), o.get("b", 0.0)
        return lambda: cv2.addWeighted(src, a, src, 0.0, b, dst=dst)
    if op == "convert":
        depth = {"u8": cv2.CV_8U, "u16": cv2.CV_16U, "f32": cv2.CV_32F}[out_type]
        scale, offset = o.get("scale", 1.0), o.get("offset", 0.0)
        return lambda: cv2.addWeighted(src, scale, src, 0.0, offset, dst=dst, dtype=depth)
    if op == "medianBlur":
        return lambda: cv2.medianBlur(src, o["ksize"], dst=dst)
    if op == "threshold":
        if o.get("kind", "binary") != "binary":
            raise ValueError(f"threshold kind {o['kind']} is not mapped")
        maxval = o.get("maxval", TYPE_MAX[out_type])
        return lambda: cv2.threshold(src, o["thresh"], maxval, cv2.THRESH_BINARY, dst=dst)
    if op == "grayscale":
        code = {"rgb": cv2.COLOR_RGB2GRAY, "bgr": cv2.COLOR_BGR2GRAY}[o.get("order", "rgb")]
        return lambda: cv2.cvtColor(src, code, dst=dst)
    if op == "addWeighted":
        other = frame(step["other"])
        return lambda: cv2.addWeighted(src, o["alpha"], other, o["beta"], o.get("gamma", 0.0), dst=dst)
    if op == "absdiff":
        other = frame(step["other"])
        return lambda: cv2.absdiff(src, other, dst=dst)
    raise ValueError(f"no cv2 mapping for {op}")


def bind(cv2, np, manifest, chain, base):
    """The input (its SHA-256 checked), the output, the slots and the chain as one call."""
    width, height = manifest["width"], manifest["height"]
    types = dtypes(np)
    frame_in = chain["input"]
    path = os.path.join(base, frame_in["file"])
    if file_sha256(path) != frame_in["sha256"]:
        raise SystemExit(f"[chains] {frame_in['file']}: SHA-256 differs from the frame Node measured")
    src = np.fromfile(path, dtype=types[frame_in["type"]]).reshape(shape_of(width, height, frame_in))
    out_spec = chain["output"]
    # Ones, not empty: the output's pages are faulted in before any memory baseline.
    out = np.ones(shape_of(width, height, out_spec), types[out_spec["type"]])
    return src, out


def plan_call(cv2, np, manifest, chain, src, out):
    width, height = manifest["width"], manifest["height"]
    types = dtypes(np)
    slots = [np.empty(shape_of(width, height, s), types[s["type"]]) for s in chain["slots"]]

    def frame(ref):
        return src if ref == "input" else out if ref == "output" else slots[ref]

    calls = [step_call(cv2, step, frame) for step in chain["steps"]]

    def run():
        for call in calls:
            call()

    return run, sum(s.nbytes for s in slots)


def proc_status():
    """{"rss", "peak"} in bytes from /proc/self/status, or None off Linux."""
    try:
        fields = {}
        with open("/proc/self/status") as f:
            for line in f:
                name, _, value = line.partition(":")
                if name in ("VmRSS", "VmHWM"):
                    fields[name] = int(value.split()[0]) * 1024
        return {"rss": fields["VmRSS"], "peak": fields["VmHWM"]}
    except (OSError, KeyError):
        return None


def reset_peak():
    """Resets the peak to the current RSS: this process was spawned by
    vfork, so getrusage's maxrss starts at its parent's peak."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return proc_status() is not None
    except OSError:
        return False


def max_rss_bytes():
    # ru_maxrss: KiB on Linux, bytes on macOS.
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def usage(reset):
    return {"maxRss": max_rss_bytes(), **((proc_status() if reset else None) or {})}


def memory(manifest_path, chain_id):
    """Peak RSS growth of one chain at cv2's default threads, as the Node
    child measures pixchain: input and output exist first; the baseline
    is taken before the slots are allocated."""
    import cv2
    import numpy as np

    manifest = json.load(open(manifest_path))
    base = os.path.dirname(os.path.abspath(manifest_path))
    chain = next(c for c in manifest["chains"] if c["id"] == chain_id)
    src, out = bind(cv2, np, manifest, chain, base)
    reset = reset_peak()
    before = usage(reset)
    run, slot_bytes = plan_call(cv2, np, manifest, chain, src, out)
    for _ in range(MEMORY_RUNS):
        run()
    after = usage(reset)
    # Without /proc there is no current RSS: the rise of the peak is a lower bound.
    growth = after["peak"] - before["rss"] if reset else after["maxRss"] - before["maxRss"]
    bound = {} if reset else {"bound": "lower"}
    print(json.dumps({
        "chain": chain_id, "peer": "cv2", "threads": cv2.getNumThreads(), "runs": MEMORY_RUNS,
        "method": "VmHWM after clear_refs" if reset else "getrusage maxrss",
        "before": before, "after": after, "peakGrowth": max(0, growth), "exact": reset, **bound, "intermediateBytes": slot_bytes,
    }))


def run(manifest_path, out_path):
    import cv2
    import numpy as np

    manifest = json.load(open(manifest_path))
    base = os.path.dirname(os.path.abspath(manifest_path))
    timing = manifest["timing"]
    default_threads = cv2.getNumThreads()
    thread_counts = sorted({1, default_threads})
    results, checks, memories = [], {}, {}
    for chain in manifest["chains"]:
        src, out = bind(cv2, np, manifest, chain, base)
        run_chain, slot_bytes = plan_call(cv2, np, manifest, chain, src, out)
        run_chain()
        ref = chain["reference"]
        pixchain_out = np.fromfile(os.path.join(base, ref["file"]), dtype=out.dtype).reshape(out.shape)
        diff = np.abs(out.astype(np.float64) - pixchain_out.astype(np.float64))
        checks[chain["id"]] = {"maxAbsDiff": float(diff.max()), "differing": int(np.count_nonzero(diff)), "samples": int(diff.size)}
        line = []
        for threads in thread_counts:
            cv2.setNumThreads(threads)
            ms, runs = measure(run_chain, timing)
            results.append({"chain": chain["id"], "peer": "cv2", "threads": threads, "ms": ms, "runs": runs, "intermediateBytes": slot_bytes})
            line.append(f"{threads}T {ms:.1f} ms")
        cv2.setNumThreads(default_threads)
        log(f"{chain['label']}: cv2 {', '.join(line)}; max |cv2 − pixchain| {checks[chain['id']]['maxAbsDiff']:g}")
        del src, out, run_chain, pixchain_out, diff

    for chain in manifest["chains"]:
        child = subprocess.run(
            [sys.executable, os.path.abspath(__file__), "--manifest", manifest_path, "--memory-of", chain["id"]],
            stdout=subprocess.PIPE, text=True,
        )
        memories[chain["id"]] = json.loads(child.stdout) if child.returncode == 0 else {"error": f"exit {child.returncode}"}

    software = {
        "python": platform.python_version(),
        "cv2": cv2.__version__,
        "cv2DefaultThreads": default_threads,
        "numpy": np.__version__,
    }
    with open(out_path, "w") as f:
        json.dump({"software": software, "results": results, "checks": checks, "memory": memories}, f)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--manifest", required=True, help="manifest.json written by bench/chains.mjs")
    parser.add_argument("--out", help="where to write the results (JSON)")
    parser.add_argument("--memory-of", help="only measure this chain's peak RSS growth; print it as JSON")
    args = parser.parse_args()
    if not args.out and not args.memory_of:
        parser.error("--out is required")
    if not in_venv():
        try:
            python = ensure_venv()
        except (subprocess.CalledProcessError, OSError) as error:
            raise SystemExit(f"[chains] could not set up the venv: {error}")
        os.execv(python, [python, os.path.abspath(__file__), *sys.argv[1:]])
    if args.memory_of:
        memory(args.manifest, args.memory_of)
    else:
        run(args.manifest, args.out)


if __name__ == "__main__":
    main()
