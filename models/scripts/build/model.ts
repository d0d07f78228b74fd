/** One shipped model: quantize its float source, choose uint8 or float16 by measurement, describe it. */
import type { ManifestModel, ShippedModel } from '../../../src/lib/domain/models/manifest';
import { graphModelFromFiles } from '../../../src/lib/worker/engine/graph-model';
import { loadModelFilesFromJson } from '../../../scripts/lib/model-files';
import type { Candidates, QuantizationChoice } from './choice';
import { chooseClassifierQuantization } from './classifier';
import { chooseDetectorQuantization } from './detector';
import { manifestEntry } from './manifest-entry';
import { log } from './output';
import { describeSource, provenance, sourceJsonPath } from './provenance';
import { flatWeights, quantizedFiles } from './weights';

export interface BuiltModel {
  id: string;
  files: { name: string; bytes: Uint8Array }[];
  entry: ManifestModel;
}

function choose(model: ShippedModel, candidates: Candidates): Promise<QuantizationChoice> {
  // A tracker is a detector on smaller regions: the same score-agreement rule decides.
  return model.kind === 'classifier'
    ? chooseClassifierQuantization(candidates, model.source)
    : chooseDetectorQuantization(candidates);
}

export async function buildModel(
  model: ShippedModel,
  backend: string,
  packageVersion: string,
): Promise<BuiltModel> {
  const started = performance.now();
  const jsonPath = sourceJsonPath(model);
  const source = await loadModelFilesFromJson(jsonPath);
  const floatBytes = flatWeights(source).data.byteLength;
  const uint8 = quantizedFiles(source, 'uint8');
  const candidates: Candidates = {
    id: model.id,
    float: await graphModelFromFiles(source),
    uint8: await graphModelFromFiles(uint8.files),
    float16: () => graphModelFromFiles(quantizedFiles(source, 'float16').files),
  };
  const choice = await choose(model, candidates);
  const shipped = choice.dtype === 'uint8' ? uint8 : quantizedFiles(source, 'float16');
  const entry = await manifestEntry({
    kind: model.kind,
    source: await provenance(model.source, jsonPath, packageVersion),
    sourceJson: source.json,
    floatBytes,
    choice,
    backend,
    shipped,
  });
  log(
    `${model.id}: ${describeSource(model.source)} ${floatBytes} -> ${shipped.weightsBin.byteLength} weight bytes (${choice.dtype}), ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  candidates.float.dispose();
  candidates.uint8.dispose();
  return {
    id: model.id,
    files: [
      { name: 'model.json', bytes: shipped.modelJson },
      { name: 'weights.bin', bytes: shipped.weightsBin },
    ],
    entry,
  };
}
