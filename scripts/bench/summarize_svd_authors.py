#!/usr/bin/env python3
"""Summarises bench_svd_authors.sh's JSON lines (stdin) as Markdown: per thread count the median edit time of each
side, the ratio authors / Java, where the time goes, the UNet's GFLOP/s (the FLOP count bench.py measured on the
authors' side; both sides make the same 26 UNet calls on 39 batch items) as a fraction of the fp32 peak the same
run measured (torch.mm 1536^3 at that thread count), and the load averages seen."""
import json
import statistics
import sys

runs = [json.loads(line) for line in sys.stdin if line.strip().startswith("{")]
med = statistics.median
print("| threads | side | runs | edit ms (median) | UNet ms | VAE encode ms | image encoder ms | VAE decode ms | rest ms"
      " | UNet GFLOP/s | of fp32 peak | load before..after |")
print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
for t in sorted({r["threads"] for r in runs}):
    java = [r for r in runs if r["threads"] == t and r["side"] == "java"]
    ref = [r for r in runs if r["threads"] == t and r["side"] == "authors"]
    gflop = med([r["timing"]["unet_gflop"] for r in ref])
    peak = med([r["timing"]["peak_gflops"] for r in ref])
    loads = lambda rs: "%s" % ", ".join("%.1f..%.1f" % (r["load_before"], r["load_after"]) for r in rs)
    je = med([r["timing"]["ms_per_edit"] for r in java])
    ju = med([r["timing"]["model_ms"]["invert"] + r["timing"]["model_ms"]["generate"] for r in java])
    jenc = med([r["timing"]["model_ms"]["encode"] for r in java])
    jdec = med([r["timing"]["model_ms"]["decode"] for r in java])
    print("| %d | Java | %d | %.0f | %.0f | %.0f (with image encoder) | - | %.0f | %.0f | %.1f | %.1f %% | %s |"
          % (t, len(java), je, ju, jenc, jdec, je - ju - jenc - jdec, gflop / ju * 1e3, 100 * gflop / ju * 1e3 / peak,
             loads(java)))
    re = med([r["timing"]["edit_ms"] for r in ref])
    ru = med([r["timing"]["unet_ms"] for r in ref])
    print("| %d | authors | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.1f | %.1f %% | %s |"
          % (t, len(ref), re, ru, med([r["timing"]["vae_encode_ms"] for r in ref]),
             med([r["timing"]["image_encoder_ms"] for r in ref]), med([r["timing"]["vae_decode_ms"] for r in ref]),
             med([r["timing"]["rest_ms"] for r in ref]), gflop / ru * 1e3, 100 * gflop / ru * 1e3 / peak, loads(ref)))
    pairs = [(a["timing"]["edit_ms"] / j["timing"]["ms_per_edit"]) for j, a in zip(java, ref)]
    print("| %d | **authors / Java** | | **%.2fx** (per round: %s) | %.2fx | | | | | | fp32 peak %.1f GFLOP/s | |"
          % (t, re / je, ", ".join("%.2f" % p for p in pairs), ru / ju, peak))
print("\nUNet work per edit: %.2f GFLOP (26 calls, 39 batch items)" % gflop)
