import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeModels } from '../../../../src/lib/domain/diagnostics/models';
import type { ModelManifest } from '../../../../src/lib/domain/models/manifest';

const manifest = JSON.parse(readFileSync('static/models/manifest.json', 'utf8')) as ModelManifest;

describe('describeModels', () => {
  it("adds each file's sha256 from the shipped manifest", () => {
    const [detector] = describeModels(
      [{ id: 'face-detector', quantization: 'uint8', bytes: 1000 }],
      manifest,
    );
    expect(detector).toMatchObject({ id: 'face-detector', quantization: 'uint8', bytes: 1000 });
    expect(Object.keys(detector?.sha256 ?? {}).sort()).toEqual(
      Object.keys(manifest.models['face-detector']?.files ?? {}).sort(),
    );
    for (const hash of Object.values(detector?.sha256 ?? {}))
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lists a model without checksums when the manifest is missing or does not know it', () => {
    const loaded = [{ id: 'other', quantization: 'float16', bytes: 5 }];
    expect(describeModels(loaded, null)).toEqual([{ ...loaded[0], sha256: {} }]);
    expect(describeModels(loaded, manifest)).toEqual([{ ...loaded[0], sha256: {} }]);
  });
});
