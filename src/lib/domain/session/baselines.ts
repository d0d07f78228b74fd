/**
 * Baselines (profiles) as stored and exported: their names, the copy a session keeps, and what an
 * import writes. A stored baseline is never overwritten by an import: the same one (same id, same
 * figures) is skipped, and any other one whose id or name is taken here is kept beside it under a
 * new id and a name marked "(imported)".
 */
import type { CalibrationFigures } from '../affect/calibration';
import type { Baseline, SessionBaseline } from './records';

export const BASELINE_NAME_MAX = 100;

/** The name as stored (trimmed, inner runs of spaces made one), or why it cannot be one. */
export function checkBaselineName(
  raw: string,
): { ok: true; name: string } | { ok: false; message: string } {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name.length === 0) return { ok: false, message: 'Give the profile a name.' };
  if (name.length > BASELINE_NAME_MAX) {
    return { ok: false, message: `A name has at most ${BASELINE_NAME_MAX} characters.` };
  }
  return { ok: true, name };
}

export function makeBaseline(
  figures: CalibrationFigures,
  meta: Pick<Baseline, 'id' | 'name' | 'calibratedAt'>,
): Baseline {
  return {
    ...meta,
    probabilities: [...figures.probabilities],
    valence: figures.valence,
    arousal: figures.arousal,
    stress: figures.stress,
    goodSeconds: figures.goodSeconds,
  };
}

/** What a session keeps of the baseline it was measured against. */
export const sessionBaseline = (b: Baseline): SessionBaseline => ({
  id: b.id,
  name: b.name,
  calibratedAt: b.calibratedAt,
  stress: b.stress,
});

export interface BaselineImportPlan {
  /** To write, renamed where needed. */
  baselines: Baseline[];
  /** Already stored, identical: not written again. */
  skipped: number;
  /** Kept beside a stored one under a new id and name. */
  renamed: number;
}

/** `stored`: every baseline stored here (a device holds a handful). */
export function planBaselineImport(
  incoming: readonly Baseline[],
  stored: readonly Baseline[],
  newId: () => string,
): BaselineImportPlan {
  const byId = new Map(stored.map((b) => [b.id, b]));
  const names = new Set(stored.map((b) => b.name));
  const baselines: Baseline[] = [];
  let skipped = 0;
  let renamed = 0;
  for (const b of incoming) {
    const here = byId.get(b.id);
    if (here && sameBaseline(here, b)) {
      skipped++;
      continue;
    }
    let next = b;
    if (here || names.has(b.name)) {
      renamed++;
      next = { ...b, id: here ? newId() : b.id, name: freeName(b.name, names) };
    }
    names.add(next.name);
    byId.set(next.id, next);
    baselines.push(next);
  }
  return { baselines, skipped, renamed };
}

/** "Anna (imported)", then "Anna (imported 2)"…, within the name's length limit. */
function freeName(name: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (imported)' : ` (imported ${n})`;
    const candidate = name.slice(0, BASELINE_NAME_MAX - suffix.length) + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}

function sameBaseline(a: Baseline, b: Baseline): boolean {
  return (
    a.name === b.name &&
    a.calibratedAt === b.calibratedAt &&
    a.stress === b.stress &&
    a.valence === b.valence &&
    a.arousal === b.arousal &&
    a.goodSeconds === b.goodSeconds &&
    a.probabilities.length === b.probabilities.length &&
    a.probabilities.every((p, i) => p === b.probabilities[i])
  );
}

/** What an import did with the baselines, in a sentence; empty when the file had none. */
export function describeBaselineImport(plan: BaselineImportPlan): string {
  const parts: string[] = [];
  if (plan.baselines.length > 0) parts.push(`Imported ${plan.baselines.length} profiles.`);
  if (plan.skipped > 0) parts.push(`${plan.skipped} profiles already here: skipped.`);
  if (plan.renamed > 0) {
    parts.push(
      `${plan.renamed} had the name or id of a profile stored here: kept beside it, marked "(imported)".`,
    );
  }
  return parts.join(' ');
}
