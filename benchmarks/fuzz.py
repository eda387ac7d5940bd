"""Fuzz `parse_number` and `extract_figures` with N random mixed-script strings (digits of several
numbering systems, separators, scale and currency words, years, rate words): counts what raised
other than ValueError, any non-finite value, and the time per string.

Usage: python benchmarks/fuzz.py [--n 100000] [--seed 0]
"""
from __future__ import annotations

import argparse
import math
import random
import time

import vnict_analysis as va

PIECES = list("0123456789 .,-%$€₫¥円억万亿٠١٢३४५๑๒\u00a0") + [
    "tỷ ", "triệu ", "miliar ", "juta ", "ล้าน", "billion ", "nghìn ", "per ", "năm ", "年", "억 ", "mil millones ",
    "9" * 320, "Mrd. ", "млрд ", "K", "M ", "minus ", "âm ", "point ", "phẩy ", "cents ", "USD ", "RM", "C$"]
LANGS = ["en", "vi", "id", "th", "zh", "ja", "ko", "fr", "de", "ru", "es", "pt"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    crashes, nonfinite, figures = [], 0, 0
    t0 = time.perf_counter()
    for i in range(args.n):
        text = "".join(rnd.choice(PIECES) for _ in range(rnd.randint(1, 30)))
        lang = rnd.choice(LANGS)
        try:
            v = va.parse_number(text, lang)
            nonfinite += not math.isfinite(v)
        except ValueError:
            pass
        except Exception as exc:  # noqa: BLE001 - what we are counting
            crashes.append(("parse_number", lang, text, repr(exc)))
        try:
            got = va.extract_figures(text, lang)
            figures += len(got)
            nonfinite += int((~got["value"].map(math.isfinite)).sum())
        except Exception as exc:  # noqa: BLE001
            crashes.append(("extract_figures", lang, text, repr(exc)))
    dt = time.perf_counter() - t0
    print(f"{args.n} strings in {dt:.0f} s ({1000 * dt / args.n:.2f} ms each): {figures} figures, "
          f"{len(crashes)} unexpected exceptions, {nonfinite} non-finite values")
    for c in crashes[:10]:
        print("  ", c)


if __name__ == "__main__":
    main()
