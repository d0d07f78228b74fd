"""jemalloc for the trainer, when the machine has it (Debian: apt-get install libjemalloc2).

PyTorch on CPU allocates and frees every step's activations. With glibc's malloc, blocks above its mmap threshold
(32 MiB at most) are fresh mappings each time, so every step page-faults and zero-fills its activations again; on the
2-core machine of 2026-12-01, whose kernel also runs DAMON reclaim, that was about 45 % of a training step
(bench_teachers.py --archs vgg --steps 12, the same run alternating: 0.52 and 0.68 s a step with glibc, 0.30 and 0.31
with jemalloc). jemalloc with decay off keeps freed pages for the next step. The allocator does not change a single
number the network computes, so a resumed run stays bit-for-bit the uninterrupted one.
"""
import os
import sys

JEMALLOC = "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"
CONF = "dirty_decay_ms:-1,muzzy_decay_ms:-1"


def allocator() -> str:
    return "jemalloc" if JEMALLOC in os.environ.get("LD_PRELOAD", "") else "system"


def reexec_with_jemalloc() -> None:
    """Replaces this process by the same command under jemalloc; returns when jemalloc is already loaded, is not
    installed, or TRAIN_ALLOCATOR=system asks for glibc's malloc."""
    if allocator() == "jemalloc" or os.environ.get("TRAIN_ALLOCATOR") == "system" or not os.path.exists(JEMALLOC):
        return
    preload = ":".join(p for p in (JEMALLOC, os.environ.get("LD_PRELOAD", "")) if p)
    env = dict(os.environ, LD_PRELOAD=preload, MALLOC_CONF=os.environ.get("MALLOC_CONF", CONF))
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, [sys.executable, *sys.argv], env)
