"""Tables of the load test: latency percentiles, throughput and errors per page and per role."""

from __future__ import annotations

from collections import Counter, defaultdict

from bench.load_plan import PageView


def percentile(values: list[float], q: float) -> float:
    """The q-quantile by the nearest-rank method (q in 0..1)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(q * len(ordered) + 0.5)) - 1))]


def _line(name: str, views: list[PageView], seconds: float) -> str:
    requests = [s.seconds for v in views for s in v.steps]
    pages = [v.seconds for v in views]
    errors = sum(1 for v in views for s in v.steps if not s.ok)
    return (f"| {name} | {len(pages)} | {len(requests)} | "
            f"{percentile(requests, .5) * 1000:.0f} | {percentile(requests, .95) * 1000:.0f} | "
            f"{max(requests) * 1000:.0f} | {percentile(pages, .5) * 1000:.0f} | "
            f"{percentile(pages, .95) * 1000:.0f} | {len(requests) / seconds:.1f} | {errors} |")


def report(views: list[PageView], seconds: float, title: str) -> None:
    """Print one markdown table (all, per page, per role), the slowest callbacks and errors."""
    print(f"\n{title}: {len(views)} page views in {seconds:.0f} s")
    print("| group | views | requests | req p50 ms | req p95 ms | req max ms | view p50 ms "
          "| view p95 ms | req/s | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    if not views:
        return
    print(_line("all", views, seconds))
    for key in ("page", "kind"):
        groups: dict[str, list[PageView]] = defaultdict(list)
        for v in views:
            groups[getattr(v, key)].append(v)
        for name in sorted(groups):
            print(_line(f"{key}={name}", groups[name], seconds))
    by_output: dict[str, list[float]] = defaultdict(list)
    for v in views:
        for s in v.steps:
            by_output[s.output[:48]].append(s.seconds)
    slow = sorted(by_output.items(), key=lambda kv: -percentile(kv[1], .95))[:4]
    print("slowest callbacks (p95 ms): " + "; ".join(
        f"{out} {percentile(t, .95) * 1000:.0f}" for out, t in slow))
    failures = Counter(f"{s.output[:40]} {s.status} {s.note}" for v in views for s in v.steps
                       if not s.ok)
    for what, n in failures.most_common(5):
        print(f"error x{n}: {what}")
