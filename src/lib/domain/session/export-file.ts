/**
 * The JSON export format and its validation (valibot). An export holds sessions and their records
 * as stored, with the schema version they were stored under; the importer accepts what this
 * version can read, and says precisely what is wrong with anything else. A backup may come from
 * anyone, so every value is bounded: times, text lengths, the number of records, the file's size.
 */
import * as v from 'valibot';
import { EMOTIONS } from '../affect/labels';
import { STRESS_LEVELS, stressLevel } from '../affect/assess';
import {
  CHECKIN_LEVELS,
  SCHEMA_VERSION,
  type Baseline,
  type ReadingRecord,
  type SessionRow,
} from './records';
import { uniqueTags } from './tags';

export const EXPORT_FORMAT = 'emotion-detector/sessions';

export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  schemaVersion: typeof SCHEMA_VERSION;
  exportedAt: string;
  sessions: SessionRow[];
  records: ReadingRecord[];
  /** Calibrated baselines (profiles); files of schema 1 have none. */
  baselines: Baseline[];
}

/** Schema versions whose files this version reads (2 changed nothing that is exported). */
export const READABLE_SCHEMA_VERSIONS = Object.freeze([1, 2, SCHEMA_VERSION] as const);

/** Times outside these bounds are damage (or an attack): Date cannot print 1e300. */
export const TIME_MIN = Date.UTC(2000, 0, 1);
export const TIME_MAX = Date.UTC(2100, 0, 1);
/** The largest backup read: beyond it, parsing would take the tab's memory. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
export const MAX_IMPORT_RECORDS = 2_000_000;
export const MAX_IMPORT_SESSIONS = 100_000;

const finite = v.pipe(v.number(), v.finite());
const TIME_RANGE = 'must be a time between 2000-01-01 and 2100-01-01';
const epochMs = v.pipe(finite, v.minValue(TIME_MIN, TIME_RANGE), v.maxValue(TIME_MAX, TIME_RANGE));
const unit = v.pipe(finite, v.minValue(-1), v.maxValue(1));
const probability = v.pipe(finite, v.minValue(0), v.maxValue(1));
const probabilities = v.pipe(v.array(probability), v.length(EMOTIONS.length));
const stress = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100));
const emotion = v.picklist(EMOTIONS);
const level = v.picklist(STRESS_LEVELS);
const count = v.pipe(v.number(), v.integer(), v.minValue(0));

const summarySchema = v.object({
  durationMs: v.pipe(finite, v.minValue(0)),
  faces: count,
  records: count,
  meanStress: v.nullable(v.pipe(finite, v.minValue(0), v.maxValue(100))),
  peakStress: v.nullable(stress),
  levelCounts: v.object({ low: count, moderate: count, high: count }),
  emotionMix: probabilities,
  dominant: v.nullable(emotion),
});

const baselineName = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100));
const baselineFields = {
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  name: baselineName,
  calibratedAt: epochMs,
  stress: v.pipe(finite, v.minValue(0), v.maxValue(100)),
};
const sessionBaselineSchema = v.object(baselineFields);
const baselineSchema = v.object({
  ...baselineFields,
  probabilities,
  valence: unit,
  arousal: unit,
  goodSeconds: v.pipe(finite, v.minValue(0)),
});
const checkinSchema = v.object({ t: epochMs, level: v.picklist(CHECKIN_LEVELS) });

const sessionSchema = v.pipe(
  v.object({
    id: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
    kind: v.picklist(['live', 'photo']),
    label: v.pipe(v.string(), v.maxLength(200)),
    tags: v.pipe(
      v.array(v.pipe(v.string(), v.maxLength(100))),
      v.maxLength(100),
      v.transform((tags: string[]) => uniqueTags(tags)),
    ),
    note: v.pipe(v.string(), v.maxLength(10_000)),
    startedAt: epochMs,
    updatedAt: epochMs,
    endedAt: v.nullable(epochMs),
    status: v.picklist(['recording', 'ended']),
    recovered: v.boolean(),
    summary: v.nullable(summarySchema),
    unsaved: v.optional(count),
    // Optional with defaults: a file of schema 1 has neither field.
    baseline: v.optional(v.nullable(sessionBaselineSchema), null),
    checkins: v.optional(
      v.pipe(
        v.array(checkinSchema),
        v.maxLength(100_000),
        v.transform((list) => [...list].sort((a, b) => a.t - b.t)),
      ),
      [],
    ),
  }),
  v.check((s) => s.endedAt === null || s.endedAt >= s.startedAt, 'it ends before it starts'),
);

const recordSchema = v.pipe(
  v.object({
    sessionId: v.pipe(v.string(), v.minLength(1)),
    faceId: count,
    t: epochMs,
    dominant: emotion,
    probabilities,
    stress,
    level,
    valence: unit,
    arousal: unit,
    quality: v.pipe(finite, v.minValue(0), v.maxValue(1)),
    frames: count,
  }),
  v.check((r) => stressLevel(r.stress) === r.level, 'level does not match stress'),
);

const fileSchema = v.object({
  format: v.literal(EXPORT_FORMAT),
  schemaVersion: v.picklist(READABLE_SCHEMA_VERSIONS),
  exportedAt: v.string(),
  sessions: v.array(sessionSchema),
  records: v.array(recordSchema),
  baselines: v.optional(v.pipe(v.array(baselineSchema), v.maxLength(1_000)), []),
});

export type ParseResult = { ok: true; file: ExportFile } | { ok: false; message: string };

/** Why a file of `bytes` is too large to import, or null. */
export function sizeProblem(bytes: number): string | null {
  if (bytes <= MAX_IMPORT_BYTES) return null;
  const mb = (n: number) => `${Math.ceil(n / 1024 / 1024)} MB`;
  return `This file is ${mb(bytes)}; the largest backup this app imports is ${mb(MAX_IMPORT_BYTES)}. Export fewer sessions at a time.`;
}

/** Reads an export's text; every failure comes back as a message for the person importing. */
export function parseExport(text: string): ParseResult {
  const tooLarge = sizeProblem(text.length);
  if (tooLarge) return { ok: false, message: tooLarge };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, message: 'This file is not valid JSON, so it cannot be an export.' };
  }
  const head = data as { format?: unknown; schemaVersion?: unknown } | null;
  if (!head || typeof head !== 'object' || head.format !== EXPORT_FORMAT) {
    return {
      ok: false,
      message: 'This file is not an export of this app (its "format" is wrong).',
    };
  }
  if (typeof head.schemaVersion === 'number' && head.schemaVersion > SCHEMA_VERSION) {
    return {
      ok: false,
      message: `This file comes from a newer version of the app (schema ${head.schemaVersion}); this one reads schema ${SCHEMA_VERSION}.`,
    };
  }
  const tooMany = countProblem(data);
  if (tooMany) return { ok: false, message: tooMany };
  const parsed = v.safeParse(fileSchema, data);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const where = (issue && v.getDotPath(issue)) || 'the file';
    return {
      ok: false,
      message: `This export is damaged: ${where}: ${issue?.message ?? 'invalid'}.`,
    };
  }
  // Whatever version it was written under, the file now holds this version's shape.
  const file: ExportFile = { ...parsed.output, schemaVersion: SCHEMA_VERSION } as ExportFile;
  const ids = new Set<string>();
  for (const s of file.sessions) {
    if (ids.has(s.id)) {
      return {
        ok: false,
        message: `This export is damaged: it holds two sessions with the id "${s.id}".`,
      };
    }
    ids.add(s.id);
  }
  const orphan = file.records.findIndex((r) => !ids.has(r.sessionId));
  if (orphan >= 0) {
    return {
      ok: false,
      message: `This export is damaged: records.${orphan} belongs to a session the file does not hold.`,
    };
  }
  return { ok: true, file };
}

function countProblem(data: unknown): string | null {
  const { sessions, records } = data as { sessions?: unknown; records?: unknown };
  const n = (list: unknown) => (Array.isArray(list) ? list.length : 0);
  const fmt = (x: number) => x.toLocaleString('en');
  if (n(records) > MAX_IMPORT_RECORDS) {
    return `This file holds ${fmt(n(records))} records; the most this app imports at once is ${fmt(MAX_IMPORT_RECORDS)}.`;
  }
  if (n(sessions) > MAX_IMPORT_SESSIONS) {
    return `This file holds ${fmt(n(sessions))} sessions; the most this app imports at once is ${fmt(MAX_IMPORT_SESSIONS)}.`;
  }
  return null;
}

/** `parseExport` of a file's bytes, which must be UTF-8 text. */
export function parseExportBytes(bytes: ArrayBuffer): ParseResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: 'This file is not text (UTF-8), so it cannot be an export.' };
  }
  return parseExport(text);
}

export function buildExport(
  sessions: readonly SessionRow[],
  records: readonly ReadingRecord[],
  now = new Date(),
  baselines: readonly Baseline[] = [],
): ExportFile {
  return {
    format: EXPORT_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    exportedAt: now.toISOString(),
    sessions: [...sessions].sort((a, b) => a.startedAt - b.startedAt || cmp(a.id, b.id)),
    records: [...records].sort(
      (a, b) => cmp(a.sessionId, b.sessionId) || a.faceId - b.faceId || a.t - b.t,
    ),
    baselines: [...baselines].sort((a, b) => a.calibratedAt - b.calibratedAt || cmp(a.id, b.id)),
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
