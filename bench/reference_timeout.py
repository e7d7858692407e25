#!/usr/bin/python3
"""Reference crop pipeline (Python/OpenCV semantics the Java port must match).

Usage: reference_timeout.py MANIFEST OUTDIR [--threads 8] [--timeout 10] [--session]

can4000-java's copy of /work/shared/bench/reference.py for the simulated-web benchmark, with two
changes and nothing else: (1) --timeout (default 10 s) bounds the whole request, body included
(stream=True and a deadline), so a server that drips its body cannot hold a row for minutes; (2)
when CAN4000_SIM_HOSTS names a host table (host TAB 127.0.0.1 | 127.0.0.2 | nx | nx-slow, written
by `can4000 bench --mode simweb`), socket.getaddrinfo answers from it, with the same delays as the
Java side's resolver (15 ms, 40 ms for a name that does not exist, 5 s for nx-slow).

For every data line `no label x y w h url` (`##` lines are comments; the URL is
everything after the 6th space) it GETs the URL with a desktop-browser
User-Agent, decodes with cv2.imdecode(buf, cv2.IMREAD_UNCHANGED), and
  * counts a failure if decoding fails/raises or the array is not 3-D
    (grayscale decodes to 2-D; the original script crashes on those);
  * computes x1=int((x-w/2)*W), x2=int((x+w/2)*W), y1=int((y-h/2)*H),
    y2=int((y+h/2)*H) and crops img[y1:y2, x1:x2] with plain numpy slicing,
    so negative indices wrap exactly as in the original;
  * writes OUTDIR/<label>/<no zero-padded to 5>_<label>.png with cv2.imwrite
    (an empty crop makes imwrite raise: a failure).
The HTTP status is not checked (the original does not); an error page simply
fails to decode.  requests undoes Content-Encoding: gzip, as the original did.

Per-row log: OUTDIR/_reference_log.tsv with columns
  no label status reason crop_w crop_h edge_flags http_status bytes img_w img_h
  channels x1 y1 x2 y2 ms url
edge_flags lists x1<0 y1<0 x2<0 y2<0 (numpy wraps these), x1>W y1>H (start past
the size), x2>W y2>H (end past the size, numpy clamps), zero_box (x1==x2 or
y1==y2) and empty (the crop has no pixels); `-` when none.

The last stdout line is `ok=N failed=M seconds=S`.
"""
import argparse
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import socket

import cv2
import numpy as np
import requests


def _install_sim_dns():
    table_file = os.environ.get("CAN4000_SIM_HOSTS")
    if not table_file:
        return
    table = {}
    with open(table_file, encoding="utf-8") as f:
        for line in f:
            host, _, addr = line.rstrip("\n").partition("\t")
            table[host.lower()] = addr
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        addr = table.get(str(host).lower()) if host is not None else None
        if addr is None:
            return real(host, port, *args, **kwargs)
        if addr == "nx-slow":
            time.sleep(5.0)
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        if addr == "nx":
            time.sleep(0.04)
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        time.sleep(0.015)
        return real(addr, port, *args, **kwargs)

    socket.getaddrinfo = getaddrinfo


_install_sim_dns()

USER_AGENT = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
              "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36")
LOG_COLUMNS = ["no", "label", "status", "reason", "crop_w", "crop_h", "edge_flags",
               "http_status", "bytes", "img_w", "img_h", "channels",
               "x1", "y1", "x2", "y2", "ms", "url"]


def parse_manifest(path):
    """Yield (line_no, fields-or-None, raw) for every non-comment line."""
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if line.startswith("##") or not line.strip():
                continue
            parts = line.split(" ", 6)
            yield i, (parts if len(parts) == 7 else None), line


def edge_flags(x1, y1, x2, y2, W, H):
    flags = []
    for name, v in (("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2)):
        if v < 0:
            flags.append(name + "<0")
    if x1 > W:
        flags.append("x1>W")
    if y1 > H:
        flags.append("y1>H")
    if x2 > W:
        flags.append("x2>W")
    if y2 > H:
        flags.append("y2>H")
    if x1 == x2 or y1 == y2:
        flags.append("zero_box")
    return flags


class Worker:
    def __init__(self, outdir, timeout, use_session):
        self.outdir = outdir
        self.timeout = timeout
        self.use_session = use_session
        self.local = threading.local()
        self.dir_lock = threading.Lock()
        self.made = set()

    def get(self, url):
        headers = {"User-Agent": USER_AGENT}
        deadline = time.time() + self.timeout
        if self.use_session:
            s = getattr(self.local, "s", None)
            if s is None:
                s = self.local.s = requests.Session()
            r = s.get(url, headers=headers, timeout=self.timeout, stream=True)
        else:
            r = requests.get(url, headers=headers, timeout=self.timeout, stream=True)
        chunks = []
        try:
            for chunk in r.iter_content(64 * 1024):
                chunks.append(chunk)
                if time.time() > deadline:
                    raise requests.Timeout("whole request took longer than %.0f s" % self.timeout)
        finally:
            r.close()
        r._content = b"".join(chunks)
        r._content_consumed = True
        return r

    def mkdir(self, label):
        d = os.path.join(self.outdir, label)
        if label not in self.made:
            with self.dir_lock:
                os.makedirs(d, exist_ok=True)
                self.made.add(label)
        return d

    def run(self, item):
        line_no, parts, raw = item
        t0 = time.time()
        rec = dict.fromkeys(LOG_COLUMNS, "")
        rec["status"] = "failed"
        if parts is None:
            rec.update(no="line%d" % line_no, reason="bad_line", url=raw[:200])
            rec["ms"] = "%.1f" % ((time.time() - t0) * 1000)
            return rec
        no, label, xs, ys, ws, hs, url = parts
        rec.update(no=no, label=label, url=url)
        try:
            self.process(rec, no, label, xs, ys, ws, hs, url)
        except Exception as e:  # anything unexpected is a failure, never a crash
            rec["status"] = "failed"
            if not rec["reason"]:
                rec["reason"] = "exception:%s" % type(e).__name__
        rec["ms"] = "%.1f" % ((time.time() - t0) * 1000)
        return rec

    def process(self, rec, no, label, xs, ys, ws, hs, url):
        try:
            r = self.get(url)
            content = r.content
        except requests.RequestException as e:
            rec["reason"] = "http:%s" % type(e).__name__
            return
        rec["http_status"] = r.status_code
        rec["bytes"] = len(content)
        try:
            img = cv2.imdecode(np.frombuffer(content, np.uint8), cv2.IMREAD_UNCHANGED)
        except cv2.error:
            rec["reason"] = "decode_error"          # raised: empty body, pixel limit
            return
        if img is None:
            rec["reason"] = "decode_failed"         # not a decodable image
            return
        H, W = img.shape[:2]
        rec.update(img_w=W, img_h=H, channels=(img.shape[2] if img.ndim == 3 else 1))
        if img.ndim != 3:
            rec["reason"] = "not_3d"                # grayscale: original crashes here
            return
        try:
            x, y, w, h = float(xs), float(ys), float(ws), float(hs)
            x1 = int((x - w / 2) * W)
            x2 = int((x + w / 2) * W)
            y1 = int((y - h / 2) * H)
            y2 = int((y + h / 2) * H)
        except (ValueError, OverflowError):
            rec["reason"] = "bad_box"
            return
        rec.update(x1=x1, y1=y1, x2=x2, y2=y2)
        crop = img[y1:y2, x1:x2]
        ch, cw = crop.shape[:2]
        flags = edge_flags(x1, y1, x2, y2, W, H)
        if crop.size == 0:
            flags.append("empty")
        rec.update(crop_w=cw, crop_h=ch, edge_flags=",".join(flags) or "-")
        path = os.path.join(self.mkdir(label), "%s_%s.png" % (no.zfill(5), label))
        try:
            ok = cv2.imwrite(path, crop)
        except cv2.error:
            rec["reason"] = "empty_crop" if crop.size == 0 else "imwrite_error"
            return
        if not ok:
            rec["reason"] = "imwrite_failed"
            return
        rec["status"] = "ok"
        rec["reason"] = "ok"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("manifest")
    ap.add_argument("outdir")
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--timeout", type=float, default=10.0,
                    help="limit of a whole request in seconds, body included (default 10)")
    ap.add_argument("--session", action="store_true",
                    help="one keep-alive requests.Session per thread "
                         "(default: requests.get per row, like the original)")
    args = ap.parse_args()

    os.makedirs(args.outdir, exist_ok=True)
    items = list(parse_manifest(args.manifest))
    worker = Worker(args.outdir, args.timeout, args.session)
    t0 = time.time()
    with ThreadPoolExecutor(max_workers=args.threads) as pool:
        results = list(pool.map(worker.run, items))
    seconds = time.time() - t0

    with open(os.path.join(args.outdir, "_reference_log.tsv"), "w", encoding="utf-8") as f:
        f.write("\t".join(LOG_COLUMNS) + "\n")
        for rec in results:
            f.write("\t".join(str(rec[c]).replace("\t", " ").replace("\n", " ")
                              for c in LOG_COLUMNS) + "\n")
    ok = sum(1 for r in results if r["status"] == "ok")
    failed = len(results) - ok
    reasons = {}
    for r in results:
        if r["status"] != "ok":
            reasons[r["reason"]] = reasons.get(r["reason"], 0) + 1
    flagged = {}
    for r in results:
        for fl in (r["edge_flags"] or "-").split(","):
            if fl != "-":
                flagged[fl] = flagged.get(fl, 0) + 1
    print("failure reasons: " + (", ".join("%s=%d" % kv for kv in sorted(reasons.items(),
                                                                         key=lambda kv: -kv[1]))
                                 or "none"))
    print("edge flags (all rows): " + (", ".join("%s=%d" % kv for kv in sorted(flagged.items()))
                                       or "none"))
    print("ok=%d failed=%d seconds=%.2f" % (ok, failed, seconds), flush=True)


if __name__ == "__main__":
    main()
