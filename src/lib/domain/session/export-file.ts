/**
 * The JSON export format and its validation (valibot). An export holds sessions and their records
 * as stored, with the schema version they were stored under; the importer accepts what this
 * version can read, and says precisely what is wrong with anything else.
 */
import * as v from 'valibot';
import { EMOTIONS } from '../affect/labels';
import { STRESS_LEVELS, stressLevel } from '../affect/assess';
import { SCHEMA_VERSION, type ReadingRecord, type SessionRow } from './records';

export const EXPORT_FORMAT = 'emotion-detector/sessions';

export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  schemaVersion: typeof SCHEMA_VERSION;
  exportedAt: string;
  sessions: SessionRow[];
  records: ReadingRecord[];
}

const finite = v.pipe(v.number(), v.finite());
const epochMs = v.pipe(finite, v.minValue(0));
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

const sessionSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  kind: v.picklist(['live', 'photo']),
  label: v.pipe(v.string(), v.maxLength(200)),
  tags: v.array(v.pipe(v.string(), v.maxLength(100))),
  note: v.pipe(v.string(), v.maxLength(10_000)),
  startedAt: epochMs,
  updatedAt: epochMs,
  endedAt: v.nullable(epochMs),
  status: v.picklist(['recording', 'ended']),
  recovered: v.boolean(),
  summary: v.nullable(summarySchema),
});

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
  schemaVersion: v.literal(SCHEMA_VERSION),
  exportedAt: v.string(),
  sessions: v.array(sessionSchema),
  records: v.array(recordSchema),
});

export type ParseResult = { ok: true; file: ExportFile } | { ok: false; message: string };

/** Reads an export's text; every failure comes back as a message for the person importing. */
export function parseExport(text: string): ParseResult {
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
  const parsed = v.safeParse(fileSchema, data);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const where = (issue && v.getDotPath(issue)) || 'the file';
    return {
      ok: false,
      message: `This export is damaged: ${where}: ${issue?.message ?? 'invalid'}.`,
    };
  }
  const file = parsed.output as ExportFile;
  const ids = new Set(file.sessions.map((s) => s.id));
  const orphan = file.records.findIndex((r) => !ids.has(r.sessionId));
  if (orphan >= 0) {
    return {
      ok: false,
      message: `This export is damaged: records.${orphan} belongs to a session the file does not hold.`,
    };
  }
  return { ok: true, file };
}

export function buildExport(
  sessions: readonly SessionRow[],
  records: readonly ReadingRecord[],
  now = new Date(),
): ExportFile {
  return {
    format: EXPORT_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    exportedAt: now.toISOString(),
    sessions: [...sessions].sort((a, b) => a.startedAt - b.startedAt || cmp(a.id, b.id)),
    records: [...records].sort(
      (a, b) => cmp(a.sessionId, b.sessionId) || a.faceId - b.faceId || a.t - b.t,
    ),
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
