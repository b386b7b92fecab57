"""The line simulator's kernels: exact departure times from drawn process times.

A serial line of FIFO stations with identical machines. How it is fast (all exact, no
approximation):

- Every random number is drawn up front (service times as an ``(n_stations, n_jobs)``
  array), so everything here is deterministic.
- A single-machine FIFO station obeys ``D(i) = max(A(i), D(i-1)) + S(i)``, a max-plus
  scan: ``D = C + maximum.accumulate(A - C + S)`` with ``C = cumsum(S)``.
- A multi-machine station with constant times keeps jobs in order, so it is ``m``
  interleaved single-machine scans. Multi-machine stations with random times use a
  heap of machine free times (a Python loop over jobs; the only per-job loop of an
  open line).
- A push line is computed station by station. A CONWIP line couples release to exit
  (job ``i`` enters when job ``i - wip_cap`` leaves). When every station keeps jobs in
  order and nothing drops out, the line is max-plus linear: blocks of jobs are reduced
  to max-plus transfer matrices (vectorised over all blocks), chained block by block,
  then expanded back. Otherwise an exact event loop (a heap of events) is used.
"""

from __future__ import annotations

import heapq
import math

import numpy as np

MATRIX_MAX_INPUTS = 64  # above this many block inputs the block-scan CONWIP method wins

CV_DETERMINISTIC = 1e-6


def draw_into(rng: np.random.Generator, out: np.ndarray, mean: float, cv: float) -> None:
    """Fill ``out`` with times of the given mean and coefficient of variation."""
    # Below 1e-6 a gamma draw differs from the mean by less than a millionth, and cv**2
    # would underflow (1/cv**2 -> inf); such a station is deterministic for every purpose.
    if cv < CV_DETERMINISTIC:
        out.fill(mean)
    elif cv == 1:
        rng.standard_exponential(out=out)
        out *= mean
    else:
        rng.standard_gamma(1.0 / cv**2, out=out)
        out *= mean * cv**2


def station(
    a: np.ndarray, s: np.ndarray, m: int, constant: bool, free: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Departures of a FIFO station with ``m`` machines from arrivals sorted in time.

    ``free`` holds the ``m`` machine free times (sorted) before the first of these jobs;
    the new free times are returned with the departures.
    """
    n = a.size
    if n == 0:
        return a.copy(), free
    if m == 1:
        # D(i) = max(A(i), D(i-1)) + S(i) = C(i) + max_k<=i (A(k) - C(k-1)), C = cumsum(S)
        c = np.cumsum(s)
        x = a - c
        x += s
        if free[0] > x[0]:
            x[0] = free[0]
        np.maximum.accumulate(x, out=x)
        x += c
        return x, x[-1:].copy()
    if constant:
        # Constant times keep departures in arrival order, so machine k serves jobs
        # k, k+m, k+2m, ...: m interleaved single-machine scans, one per column.
        rows = -(-n // m)
        pad = rows * m - n
        ap = np.concatenate([a, np.full(pad, a[-1])]).reshape(rows, m)
        sp = np.concatenate([s, np.zeros(pad)]).reshape(rows, m)
        c = np.cumsum(sp, axis=0)
        x = ap - c
        x += sp
        np.maximum(x[0], free, out=x[0])
        np.maximum.accumulate(x, axis=0, out=x)
        x += c
        d = x.reshape(-1)[:n].copy()
        new_free = np.sort(np.concatenate([free, d[-m:]]))[-m:]
        return d, new_free
    # Random times on m machines: the next job in line takes the machine free first.
    h = free.tolist()
    out = []
    push = out.append
    replace = heapq.heapreplace
    for ai, si in zip(a.tolist(), s.tolist(), strict=True):
        f = h[0]
        d = (ai if ai > f else f) + si
        replace(h, d)
        push(d)
    return np.array(out), np.sort(np.array(h))


def open_line(
    release: np.ndarray,
    S: np.ndarray,
    m: np.ndarray,
    constant: np.ndarray,
    stop: np.ndarray | None,
) -> np.ndarray:
    """Departure times (n_stations, n_jobs) of a push line, computed station by station."""
    n_st, n = S.shape
    D = np.full((n_st, n), np.nan) if stop is not None else np.empty((n_st, n))
    in_order = True  # arrivals reach the station in job order until a station reorders them
    a_all = release
    for j in range(n_st):
        idx = None if stop is None else np.flatnonzero(stop >= j)
        a = a_all if idx is None else a_all[idx]
        s = S[j] if idx is None else S[j, idx]
        mj = int(min(m[j], max(a.size, 1)))
        if not in_order:
            perm = np.argsort(a, kind="stable")
            d_sorted, _ = station(a[perm], s[perm], mj, bool(constant[j]), np.zeros(mj))
            d = np.empty_like(d_sorted)
            d[perm] = d_sorted
        else:
            d, _ = station(a, s, mj, bool(constant[j]), np.zeros(mj))
        if idx is None:
            D[j] = d
        else:
            D[j, idx] = d
        if mj > 1 and not constant[j]:
            in_order = False
        a_all = D[j]
    return D


def event_loop(
    S: np.ndarray,
    m: np.ndarray,
    stop: np.ndarray | None,
    release: np.ndarray | None,
    wip_cap: int | None,
) -> tuple[np.ndarray, np.ndarray]:
    """Exact discrete-event run of any line (the general CONWIP method).

    Arrivals are taken from one heap in time order; a job's departure from a station is
    computed when it arrives, from the station's heap of machine free times, which is
    exact for FIFO because every earlier arrival at that station has already been seen.
    Exits are events too, so a CONWIP card goes to the next job in order of exit time.
    Ties are broken by the order in which events were scheduled.
    """
    n_st, n = S.shape
    s = S.tolist()
    last = [n_st - 1] * n if stop is None else np.minimum(stop, n_st - 1).tolist()
    D = [[math.nan] * n for _ in range(n_st)]
    free = [[0.0] * int(min(mj, n)) for mj in m]
    exit_station = n_st  # pseudo-station index marking an exit event
    if release is not None:
        R = release.tolist()
        events = [(r, i, i, 0) for i, r in enumerate(R)]
        next_job = n
    else:
        R = [0.0] * n
        next_job = min(wip_cap, n)
        events = [(0.0, i, i, 0) for i in range(next_job)]
    seq = len(events)
    push, pop, replace = heapq.heappush, heapq.heappop, heapq.heapreplace
    while events:
        t, _, i, j = pop(events)
        if j == exit_station:
            if next_job < n:  # the freed card releases the next job now
                R[next_job] = t
                push(events, (t, seq, next_job, 0))
                seq += 1
                next_job += 1
            continue
        h = free[j]
        f = h[0]
        d = (t if t > f else f) + s[j][i]
        replace(h, d)
        D[j][i] = d
        push(events, (d, seq, i, exit_station if j == last[i] else j + 1))
        seq += 1
    return np.array(R), np.array(D)


def conwip_blocks(S: np.ndarray, m: np.ndarray, constant: np.ndarray, w: int) -> np.ndarray:
    """CONWIP without drop-outs, every station order-keeping: blocks of ``w`` jobs.

    Job ``i`` is released when job ``i - w`` exits, so block ``b`` of ``w`` jobs is an
    open line fed by block ``b - 1``'s exits; each station carries its machine free
    times from block to block. Cost: (n / w) x n_stations vector operations.
    """
    n_st, n = S.shape
    D = np.empty((n_st, n))
    free = [np.zeros(int(min(mj, w))) for mj in m]
    for b0 in range(0, n, w):
        b1 = min(b0 + w, n)
        a = np.zeros(b1 - b0) if b0 == 0 else D[n_st - 1, b0 - w : b1 - w]
        for j in range(n_st):
            a, free[j] = station(a, S[j, b0:b1], free[j].size, bool(constant[j]), free[j])
            D[j, b0:b1] = a
    return D


def conwip_matrix(S: np.ndarray, m: np.ndarray, w: int) -> np.ndarray:
    """CONWIP without drop-outs, every station order-keeping: max-plus transfer matrices.

    With order kept, ``D_j(i) = max(D_{j-1}(i), D_j(i - m_j)) + S_j(i)`` and the release
    ``D_{-1}(i) = D_{J-1}(i - w)``: the line is max-plus linear. Cut the jobs into blocks
    of B; a block's state is the last ``w`` exits plus each station's last ``m_j``
    departures (K numbers). One dynamic program over the B x J cells, vectorised over
    all blocks at once, gives every block's K x K transfer matrix; chaining them is a
    cheap loop over blocks; a second pass of the same program expands every block's
    input state into all departure times.

    Long because the two passes share the block layout and a dozen index arrays, and the
    hot loop is tuned as one piece (benchmarks/bench_flow.py).
    """
    n_st, n = S.shape
    mj = [int(min(x, w)) for x in m]
    offs = np.cumsum([w, *mj])  # input k: exits are 0..w-1, station j's are offs[j]..
    k_in = int(offs[-1])
    block = w * max(1, -(-int(math.sqrt(n)) // w))  # ~sqrt(n) balances the two loops
    nb = -(-n // block)
    # padded jobs come last with zero times: FIFO means they cannot delay real jobs
    Sp = np.zeros((n_st, nb * block))
    Sp[:, :n] = S
    Sb = Sp.reshape(n_st, nb, block)

    def grid(inputs, col):
        """Longest paths from the block inputs to every cell, row by row (max-plus DP).

        ``inputs(k)`` is input k's value; ``col(x)`` shapes a per-block column of
        process times to broadcast against it. Rows are dropped once used (a row is
        needed at most ``w`` rows later), so memory stays at ~w rows; the caller keeps
        what it wants from the yielded ``(station, row, values)``.
        """
        exits: list = []
        back: list[list] = [[] for _ in range(n_st)]
        for r in range(block):
            if r < w:
                a = inputs(r)
            else:
                a, exits[r - w] = exits[r - w], None
            for j in range(n_st):
                if r >= mj[j]:
                    srv, back[j][r - mj[j]] = back[j][r - mj[j]], None
                else:
                    srv = inputs(int(offs[j]) + r)
                a = np.maximum(a, srv)
                s_col = col(Sb[j, :, r])
                if a.ndim >= s_col.ndim:
                    a += s_col
                else:  # both inputs were unit rows: the sum grows to one row per block
                    a = a + s_col
                back[j].append(a)
                yield j, r, a
            exits.append(a)

    # pass 1: transfer matrices, one row per entry of the next block's input state
    eye = np.full((k_in, k_in), -np.inf)
    np.fill_diagonal(eye, 0.0)
    M = np.empty((nb, k_in, k_in))
    for j, r, v in grid(lambda k: eye[k], lambda x: x[:, None]):
        if j == n_st - 1 and r >= block - w:
            M[:, r - (block - w)] = v
        if r >= block - mj[j]:
            M[:, int(offs[j]) + r - (block - mj[j])] = v
    # chain the blocks: state_{b+1} = M_b (max,+) state_b, all zero at the start
    U = np.empty((nb, k_in))
    u = np.zeros(k_in)
    for b in range(nb):
        U[b] = u
        u = (M[b] + u).max(axis=1)
    del M
    # pass 2: expand each block's input state into every departure time
    D = np.empty((n_st, nb, block))
    for j, r, v in grid(lambda k: U[:, k], lambda x: x):
        D[j, :, r] = v
    return D.reshape(n_st, -1)[:, :n].copy()
