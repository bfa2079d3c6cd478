"""A progress line for long work (packing, writing, evaluating): done/total, rate, time left."""

import sys
import time


class Progress:
    """Counts work done and prints `label: done/total unit (pct), rate, ETA` now and then.

    On a terminal the line rewrites itself; in a log it prints at most every `interval`
    seconds, and always once at the end (`close`, or leaving the `with` block).
    """

    def __init__(self, total, label, unit="clips", stream=None, interval=5.0):
        self.total, self.label, self.unit = total, label, unit
        self.stream = stream or sys.stderr
        self.interval = interval
        self.done = 0
        self.started = self._last = time.monotonic()
        self._tty = hasattr(self.stream, "isatty") and self.stream.isatty()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def update(self, count=1):
        self.done += count
        now = time.monotonic()
        if now - self._last >= (0.2 if self._tty else self.interval):
            self._last = now
            self._print(end="\r" if self._tty else "\n")

    def line(self):
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.done / elapsed
        text = f"{self.label}: {self.done}"
        if self.total:
            text += f"/{self.total} {self.unit} ({100 * self.done / self.total:.0f}%)"
            if rate > 0 and self.done < self.total:
                text += f", {rate:.2f} {self.unit}/s, {(self.total - self.done) / rate:.0f} s left"
            else:
                text += f", {rate:.2f} {self.unit}/s, {elapsed:.1f} s"
        else:
            text += f" {self.unit}, {rate:.2f} {self.unit}/s"
        return text

    def _print(self, end):
        self.stream.write(self.line() + end)
        self.stream.flush()

    def close(self):
        self._print(end="\n")
