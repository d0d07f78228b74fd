/** One model's entry in manifest.json: what it reads and returns, how it was quantized, its files. */
import type * as tf from '@tensorflow/tfjs-core';
import { EMOTIONS } from '../../../src/lib/domain/affect/labels';
import {
  sha256Hex,
  type ManifestFile,
  type ManifestModel,
  type ManifestTensor,
  type ModelKind,
} from '../../../src/lib/domain/models/manifest';
import { EMOTION_INPUT_SIZE } from '../../../src/lib/worker/engine/emotion-input';
import type { QuantizationChoice } from './choice';
import type { ShippedFiles } from './weights';

interface SignatureJson {
  inputs?: Record<string, SignatureEntryJson>;
  outputs?: Record<string, SignatureEntryJson>;
}
interface SignatureEntryJson {
  name?: string;
  dtype?: string;
  tensorShape?: { dim?: { size?: string }[] };
}

const byName = (a: ManifestTensor, b: ManifestTensor): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

function tensorsOf(entries: Record<string, SignatureEntryJson> | undefined): ManifestTensor[] {
  return Object.values(entries ?? {})
    .map((e) => ({
      name: (e.name ?? '').replace(/:0$/, ''),
      shape: (e.tensorShape?.dim ?? []).map((d) => Number(d.size ?? -1)),
      dtype:
        e.dtype === 'DT_FLOAT' ? 'float32' : (e.dtype ?? 'unknown').replace(/^DT_/, '').toLowerCase(),
    }))
    .sort(byName);
}

/** Inputs and outputs from model.json's signature, sorted by name (":0" stripped). */
function signatureOf(json: tf.io.ModelJSON): { input: ManifestTensor; outputs: ManifestTensor[] } {
  // Newer converters write the signature at the top level, older ones under userDefinedMetadata.
  const sig =
    (json.userDefinedMetadata as { signature?: SignatureJson } | undefined)?.signature ??
    (json as { signature?: SignatureJson }).signature;
  const [input] = tensorsOf(sig?.inputs);
  const outputs = tensorsOf(sig?.outputs);
  if (!input || outputs.length === 0) throw new Error('source model has no signature');
  return { input, outputs };
}

function preprocessing(kind: ModelKind, input: ManifestTensor): string {
  const size = `${input.shape[1]}x${input.shape[2]}`;
  if (kind === 'classifier')
    return `grayscale (ITU-R BT.601 luma), bilinear resize ${EMOTION_INPUT_SIZE}x${EMOTION_INPUT_SIZE}, x/127.5-1 (range [-1, 1])`;
  return `RGB, bilinear resize ${size} natively (the app reads its heads at other sizes: a whole frame or photo at its own aspect, or a square region twice a tracked face's box, black beyond the frame), x/127.5-1 (range [-1, 1]); any batch size`;
}

function meaning(kind: ModelKind, output: ManifestTensor): string {
  if (kind === 'classifier') return 'softmax probabilities over labels (FER-2013 order)';
  return `per anchor (${output.shape[1]} anchors): score logit, then box centre offset x, y, width, height and 6 keypoints x, y; input pixels`;
}

const SCHEMES = {
  uint8: 'per-tensor affine uint8 (scale = (max-min)/255), TF.js weightsManifest quantization',
  float16: 'IEEE float16, TF.js weightsManifest quantization',
};

const fileEntry = async (bytes: Uint8Array): Promise<ManifestFile> => ({
  bytes: bytes.byteLength,
  sha256: await sha256Hex(bytes),
});

export interface EntryParts {
  kind: ModelKind;
  source: ManifestModel['source'];
  /** The float model.json, whose signature the shipped model keeps. */
  sourceJson: tf.io.ModelJSON;
  floatBytes: number;
  choice: QuantizationChoice;
  /** The TF.js backend the choice was measured on. */
  backend: string;
  shipped: ShippedFiles;
}

/** The entry, its keys in a fixed order so that the same inputs give the same bytes. */
export async function manifestEntry(parts: EntryParts): Promise<ManifestModel> {
  const { kind, choice, shipped } = parts;
  const { input, outputs } = signatureOf(parts.sourceJson);
  return {
    kind,
    source: parts.source,
    input: { ...input, preprocessing: preprocessing(kind, input) },
    outputs: outputs.map((o) => ({ ...o, meaning: meaning(kind, o) })),
    ...(kind === 'classifier' ? { labels: [...EMOTIONS] } : {}),
    quantization: {
      dtype: choice.dtype,
      scheme: SCHEMES[choice.dtype],
      decidedBy: { backend: parts.backend, ...choice.decidedBy },
    },
    sizes: { floatBytes: parts.floatBytes, quantizedBytes: shipped.weightsBin.byteLength },
    files: {
      'model.json': await fileEntry(shipped.modelJson),
      'weights.bin': await fileEntry(shipped.weightsBin),
    },
  };
}
