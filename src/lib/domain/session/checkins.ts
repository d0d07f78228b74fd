/**
 * Self-report check-ins against the measured stress. Pure.
 *
 * Each check-in is paired with the mean stress of one face's records in the 10 s before it
 * (records whose second starts in [t − 10 s, t]): the person answers about how they have just
 * felt, and ten seconds of per-second means smooth a blink or a turned head without reaching back
 * to an earlier mood. The face is the session's main one, the face with the most records (the
 * person at the camera; the lowest id on a tie), unless the page has chosen a face. A check-in
 * with no record in its window has nothing to compare and is left out of the count.
 *
 * Agreement is Spearman's rank correlation of the pairs: it asks whether higher check-ins came
 * with higher measured stress, whatever the scale of either, and the ties a 1–5 answer is bound to
 * have get average ranks.
 */
import type { Checkin, CheckinLevel, ReadingRecord } from './records';

export const CHECKIN_LABELS: Record<CheckinLevel, string> = {
  1: 'calm',
  2: 'at ease',
  3: 'a little tense',
  4: 'stressed',
  5: 'very stressed',
};

/** How far before a check-in the measured stress is taken. */
export const CHECKIN_WINDOW_MS = 10_000;
/** Fewer pairs than this are too few to tell anything. */
export const MIN_CHECKINS = 5;

/** Ranks 1…n, ties sharing the mean of the ranks they span. */
export function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x);
  const out = new Array<number>(xs.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.x === order[start]!.x) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) out[order[k]!.i] = rank;
    start = end + 1;
  }
  return out;
}

/**
 * Spearman's rho: Pearson's correlation of the ranks (exact with ties). Null when it is undefined:
 * fewer than two pairs, lengths that differ, or a series that does not vary.
 */
export function spearman(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length !== ys.length || xs.length < 2) return null;
  const rx = ranks(xs);
  const ry = ranks(ys);
  const mean = (xs.length + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < rx.length; i++) {
    const dx = rx[i]! - mean;
    const dy = ry[i]! - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/** The face with the most records (lowest id on a tie); null without records. */
export function mainFace(records: readonly ReadingRecord[]): number | null {
  const counts = new Map<number, number>();
  for (const r of records) counts.set(r.faceId, (counts.get(r.faceId) ?? 0) + 1);
  let best: number | null = null;
  for (const [face, n] of counts) {
    const top = best === null ? -1 : (counts.get(best) ?? 0);
    if (n > top || (n === top && best !== null && face < best)) best = face;
  }
  return best;
}

export interface CheckinPair {
  checkin: Checkin;
  /** Mean stress of the face's records in the window before the check-in; null: none there. */
  measured: number | null;
}

/** Each check-in with the measured stress before it, from `records` of one face. */
export function pairCheckins(
  checkins: readonly Checkin[],
  records: readonly ReadingRecord[],
  windowMs = CHECKIN_WINDOW_MS,
): CheckinPair[] {
  return checkins.map((checkin) => {
    const near = records.filter((r) => r.t >= checkin.t - windowMs && r.t <= checkin.t);
    const measured =
      near.length === 0 ? null : near.reduce((sum, r) => sum + r.stress, 0) / near.length;
    return { checkin, measured };
  });
}

export interface Agreement {
  /** Check-ins with measured stress before them. */
  count: number;
  /** Spearman's rho; null with too few pairs or when either side did not vary. */
  rho: number | null;
  /** One plain sentence for the summary. */
  verdict: string;
}

/** How well the measured stress followed the check-ins. */
export function agreement(pairs: readonly CheckinPair[]): Agreement {
  const usable = pairs.filter(
    (p): p is { checkin: Checkin; measured: number } => p.measured !== null,
  );
  const count = usable.length;
  const counted = count === 1 ? '1 check-in' : `${count} check-ins`;
  if (count < MIN_CHECKINS) {
    return {
      count,
      rho: null,
      verdict: `Too few to tell: ${counted} with measured stress, at least ${MIN_CHECKINS} needed.`,
    };
  }
  const rho = spearman(
    usable.map((p) => p.checkin.level),
    usable.map((p) => p.measured),
  );
  if (rho === null) {
    return {
      count,
      rho,
      verdict: `Cannot tell from ${counted}: the check-ins or the measured stress did not vary.`,
    };
  }
  return { count, rho, verdict: `${strength(rho)} (Spearman ρ ${rho.toFixed(2)}, ${counted}).` };
}

function strength(rho: number): string {
  const r = Math.abs(rho);
  if (r < 0.2) return 'No clear agreement';
  const word = r >= 0.7 ? 'Strong' : r >= 0.4 ? 'Moderate' : 'Weak';
  return rho > 0 ? `${word} agreement` : `${word} disagreement`;
}

/** Whether a key press is a check-in key ("1"…"5"), and its level. */
export function checkinKey(key: string): CheckinLevel | null {
  return key.length === 1 && key >= '1' && key <= '5' ? (Number(key) as CheckinLevel) : null;
}

/**
 * Whether a reminder to check in is due: `everyMs` (0: reminders off) has passed since the latest
 * of `since` (the session's start, the last check-in, the last "not now").
 */
export function reminderDue(everyMs: number, now: number, since: readonly number[]): boolean {
  return everyMs > 0 && since.length > 0 && now - Math.max(...since) >= everyMs;
}
