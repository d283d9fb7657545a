#!/usr/bin/env python3
"""The benchmark's Python peers: OpenCV's Python bindings (cv2) at one thread
and at its default thread count, scipy.ndimage for the filters and NumPy for
the point operations, on the raw frames the Node suite wrote.

    python3 bench/cross/cross.py --manifest DIR/manifest.json --out DIR/python.json
    python3 bench/cross/cross.py --setup      # only create bench/cross/.venv

Any python3 will do: the script creates bench/cross/.venv, installs
requirements.txt from PyPI into it (again only when that file changes) and
runs itself again inside it. Progress goes to stderr, results to --out.
"""

import argparse
import hashlib
import json
import os
import platform
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(HERE, ".venv")
REQUIREMENTS = os.path.join(HERE, "requirements.txt")
STAMP = os.path.join(VENV, "requirements.sha256")


def log(message):
    print(f"[cross] {message}", file=sys.stderr, flush=True)


def venv_python():
    return os.path.join(VENV, "Scripts" if os.name == "nt" else "bin", "python")


def file_sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 22), b""):
            digest.update(block)
    return digest.hexdigest()


def ensure_venv():
    """Creates or updates the venv and returns its interpreter."""
    wanted = file_sha256(REQUIREMENTS)
    installed = open(STAMP).read().strip() if os.path.exists(STAMP) else None
    if installed == wanted and os.path.exists(venv_python()):
        return venv_python()
    if not os.path.exists(venv_python()):
        log(f"creating {VENV}")
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True, stdout=sys.stderr)
    packages = [line for line in open(REQUIREMENTS).read().splitlines() if line and not line.startswith("#")]
    log("installing " + ", ".join(packages))
    subprocess.run(
        [venv_python(), "-m", "pip", "install", "--disable-pip-version-check", "--quiet", "-r", REQUIREMENTS],
        check=True,
        stdout=sys.stderr,
    )
    with open(STAMP, "w") as f:
        f.write(wanted + "\n")
    return venv_python()


def in_venv():
    return os.path.realpath(sys.prefix) == os.path.realpath(VENV)


# ---------------------------------------------------------------- timing


def median(values):
    s = sorted(values)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


def measure(call, timing):
    """The Node suite's rule (bench/lib/timing.mjs): warm-up calls for
    `warmMs`, the first kept as a run (ending the warm-up) when slower than
    slowMs, then runs up to `runs`, stopping after `minRuns` once `budgetMs`
    is spent, and after any run once the whole measurement took `capMs`."""
    samples = []
    first = start = time.perf_counter()
    call()
    warm_up = (time.perf_counter() - start) * 1000
    if warm_up >= timing["slowMs"]:
        samples.append(warm_up)
    else:
        while (time.perf_counter() - first) * 1000 < timing.get("warmMs", 0):
            call()
    began = time.perf_counter()

    def more():
        now = time.perf_counter()
        if len(samples) >= timing["runs"] or (samples and (now - first) * 1000 >= timing["capMs"]):
            return False
        return len(samples) < timing["minRuns"] or (now - began) * 1000 < timing["budgetMs"]

    while more():
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return median(samples), len(samples)


# ---------------------------------------------------------------- peers
#
# Each peer maps a case (kernel, params, frame) to a call, to a string (the
# reason it cannot do the case: recorded as n/a) or to None (not its row).


def cv2_call(cv2, np, case, src, out):
    p, k = case["params"], case["kernel"]
    border = cv2.BORDER_REFLECT_101
    if k == "gaussianBlur":
        size = (p["ksize"], p["ksize"])
        return lambda: cv2.GaussianBlur(src, size, p["sigma"], dst=out, sigmaY=p["sigma"], borderType=border)
    if k in ("medianBlur3", "medianBlur5"):
        return lambda: cv2.medianBlur(src, p["ksize"], dst=out)
    if k == "boxBlur":
        size = (p["ksize"], p["ksize"])
        return lambda: cv2.blur(src, size, dst=out, borderType=border)
    if k == "threshold":
        return lambda: cv2.threshold(src, p["thresh"], p["maxval"], cv2.THRESH_BINARY, dst=out)
    # cv2 has no Mat.convertTo for NumPy arrays: addWeighted with a zero
    # second weight computes the same saturate(a·x + b).
    if k == "linear":
        return lambda: cv2.addWeighted(src, p["a"], src, 0.0, p["b"], dst=out)
    if k == "convert":
        return lambda: cv2.addWeighted(src, p["scale"], src, 0.0, 0.0, dst=out)
    if k == "convertF32":
        return lambda: cv2.addWeighted(src, p["scale"], src, 0.0, 0.0, dst=out, dtype=cv2.CV_32F)
    if k == "grayscale":
        return lambda: cv2.cvtColor(src, cv2.COLOR_RGB2GRAY, dst=out)
    if k == "clip":
        return "no single clamp operation"
    if k in ("erode3", "erode15", "dilate3", "dilate15"):
        element = cv2.getStructuringElement(cv2.MORPH_RECT, (p["ksize"], p["ksize"]))
        morph = cv2.erode if k.startswith("erode") else cv2.dilate
        return lambda: morph(src, element, dst=out)
    if k == "equalizeHist":
        return lambda: cv2.equalizeHist(src, dst=out)
    if k in ("resizeDown", "resizeDownArea", "resizeUp"):
        # From the top-left of the frame, into an output of the case's size.
        view = src[: p["from"]["height"], : p["from"]["width"]]
        size = (p["width"], p["height"])
        inter = {"linear": cv2.INTER_LINEAR, "area": cv2.INTER_AREA}[p["interpolation"]]
        dst = np.zeros((p["height"], p["width"], *src.shape[2:]), src.dtype)
        return lambda: cv2.resize(view, size, dst=dst, interpolation=inter)
    if k == "toTensor":
        # (x − 255·mean[c]) · 1/(255·std[c]) into the planes of `out`: the same tensor.
        params = cv2.dnn.Image2BlobParams(
            scalefactor=tuple(1 / (255 * s) for s in p["std"]),
            size=(src.shape[1], src.shape[0]),
            mean=tuple(255 * m for m in p["mean"]),
            swapRB=False,
            ddepth=cv2.CV_32F,
        )
        blob = out.reshape(1, src.shape[2], src.shape[0], src.shape[1])
        return lambda: cv2.dnn.blobFromImageWithParams(src, blob, params)
    return None


def scipy_call(ndimage, np, case, src, out):
    p, k = case["params"], case["kernel"]
    colour = src.ndim == 3
    if k == "gaussianBlur":
        # radius = int(truncate·σ + 0.5): truncate = (ksize − 1) / (2σ) gives the same taps.
        truncate = (p["ksize"] - 1) / (2 * p["sigma"])
        sigma = (p["sigma"], p["sigma"], 0) if colour else p["sigma"]
        return lambda: ndimage.gaussian_filter(src, sigma, output=out, mode="mirror", truncate=truncate)
    if k in ("medianBlur3", "medianBlur5"):
        size = (p["ksize"], p["ksize"], 1) if colour else p["ksize"]
        return lambda: ndimage.median_filter(src, size=size, output=out, mode="nearest")
    if k == "boxBlur":
        size = (p["ksize"], p["ksize"], 1) if colour else p["ksize"]
        return lambda: ndimage.uniform_filter(src, size=size, output=out, mode="mirror")
    return None


def numpy_call(np, case, src, out):
    """Point operations as ufuncs into preallocated buffers, rounding and
    saturating integers as pixchain does."""
    p, k = case["params"], case["kernel"]
    integer = src.dtype != np.float32
    info = np.iinfo(src.dtype) if integer else None
    scratch = np.empty(src.shape, np.float32)

    def affine(a, b):
        def run():
            np.multiply(src, np.float32(a), out=scratch)
            np.add(scratch, np.float32(b), out=scratch)
            if integer:
                np.rint(scratch, out=scratch)
                np.clip(scratch, info.min, info.max, out=scratch)
            np.copyto(out, scratch, casting="unsafe")

        return run

    if k == "threshold":
        level = np.floor(p["thresh"]) if integer else p["thresh"]
        mask = np.empty(src.shape, bool)

        def run():
            np.greater(src, level, out=mask)
            np.multiply(mask, out.dtype.type(p["maxval"]), out=out)

        return run
    if k == "linear":
        return affine(p["a"], p["b"])
    if k == "clip":
        lo, hi = out.dtype.type(p["min"]), out.dtype.type(p["max"])
        return lambda: np.clip(src, lo, hi, out=out)
    if k == "convert":
        return affine(p["scale"], 0)
    if k == "convertF32":
        scale = np.float32(p["scale"])
        return lambda: np.multiply(src, scale, out=out)
    if k == "grayscale":
        r, g, b = src[..., 0], src[..., 1], src[..., 2]
        acc = np.empty(out.shape, np.float32)
        term = np.empty(out.shape, np.float32)

        def run():
            np.multiply(r, np.float32(0.299), out=acc)
            np.multiply(g, np.float32(0.587), out=term)
            np.add(acc, term, out=acc)
            np.multiply(b, np.float32(0.114), out=term)
            np.add(acc, term, out=acc)
            if integer:
                np.rint(acc, out=acc)
            np.copyto(out, acc, casting="unsafe")

        return run
    if k == "copy":
        return lambda: np.copyto(out, src)
    return None


# ---------------------------------------------------------------- main

# A Python peer that needs more than this per call on a one-channel frame is
# not run on the three-channel one (3× the samples): scipy's median_filter
# would spend most of the suite's time there, and the one-channel row
# already gives its rate.
COLOUR_SKIP_MS = 1000


def run(manifest_path, out_path):
    import cv2
    import numpy as np
    import scipy
    from scipy import ndimage

    manifest = json.load(open(manifest_path))
    base = os.path.dirname(os.path.abspath(manifest_path))
    timing = manifest["timing"]
    width, height = manifest["width"], manifest["height"]
    dtypes = {"u8": np.uint8, "u16": np.uint16, "f32": np.float32}
    default_threads = cv2.getNumThreads()
    cv2_threads = sorted({1, default_threads})

    results = []
    one_channel_ms = {}
    for frame in manifest["frames"]:
        path = os.path.join(base, frame["file"])
        if file_sha256(path) != frame["sha256"]:
            raise SystemExit(f"[cross] {frame['file']}: SHA-256 differs from the frame Node measured")
        channels, dtype = frame["channels"], dtypes[frame["type"]]
        shape = (height, width, channels) if channels > 1 else (height, width)
        src = np.fromfile(path, dtype=dtype).reshape(shape)
        cases = [c for c in manifest["cases"] if c["type"] == frame["type"] and c["channels"] == channels]
        for case in cases:
            out_shape = (height, width, case["outChannels"]) if case["outChannels"] > 1 else (height, width)
            out = np.zeros(out_shape, dtypes[case["outType"]])
            peers = [
                ("cv2", cv2_threads, cv2_call(cv2, np, case, src, out)),
                ("scipy", [1], scipy_call(ndimage, np, case, src, out)),
                ("numpy", [1], numpy_call(np, case, src, out)),
            ]
            line = []
            for peer, thread_counts, call in peers:
                if call is None:
                    continue
                for threads in thread_counts:
                    entry = {"case": case["id"], "peer": peer, "threads": threads}
                    if isinstance(call, str):
                        results.append({**entry, "status": "n/a", "reason": call})
                        continue
                    slow = one_channel_ms.get((peer, threads, case["kernel"], case["type"]), 0)
                    if channels > 1 and slow > COLOUR_SKIP_MS:
                        reason = f"not run on 3 channels to keep the suite short: {slow / 1000:.1f} s per call on 1"
                        results.append({**entry, "status": "skipped", "reason": reason})
                        line.append(f"{peer} {threads}T skipped")
                        continue
                    if peer == "cv2":
                        cv2.setNumThreads(threads)
                    try:
                        ms, runs = measure(call, timing)
                        results.append({**entry, "status": "ok", "ms": ms, "runs": runs})
                        if channels == 1:
                            one_channel_ms[(peer, threads, case["kernel"], case["type"])] = ms
                        line.append(f"{peer} {threads}T {width * height / 1e3 / ms:.1f}")
                    except Exception as error:  # a peer that cannot take this type
                        reason = str(error).strip().splitlines()[-1] if str(error).strip() else type(error).__name__
                        results.append({**entry, "status": "error", "reason": reason})
                        line.append(f"{peer} {threads}T error")
            cv2.setNumThreads(default_threads)
            log(f"{case['label']} {case['type']}×{channels}: {', '.join(line)} MP/s")
        del src

    software = {
        "python": platform.python_version(),
        "cv2": cv2.__version__,
        "cv2DefaultThreads": default_threads,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
    }
    with open(out_path, "w") as f:
        json.dump({"software": software, "results": results}, f)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--manifest", help="manifest.json written by the Node suite")
    parser.add_argument("--out", help="where to write the results (JSON)")
    parser.add_argument("--setup", action="store_true", help="only create or update the virtual environment")
    args = parser.parse_args()
    if not args.setup and not (args.manifest and args.out):
        parser.error("--manifest and --out are required (or --setup)")
    if not in_venv():
        try:
            python = ensure_venv()
        except (subprocess.CalledProcessError, OSError) as error:
            raise SystemExit(f"[cross] could not set up {VENV}: {error}")
        if args.setup:
            return
        os.execv(python, [python, os.path.abspath(__file__), *sys.argv[1:]])
    if args.setup:
        return
    run(args.manifest, args.out)


if __name__ == "__main__":
    main()
