/** What a quantization rule gets to measure and what it answers. */
import type { GraphModel } from '@tensorflow/tfjs-converter';
import type {
  ClassifierFigures,
  DetectorFigures,
  QuantizationDtype,
} from '../../../src/lib/domain/models/manifest';

/** The float model and its quantized versions, as graph models to measure one against another. */
export interface Candidates {
  id: string;
  float: GraphModel;
  uint8: GraphModel;
  /** Built only when uint8 is refused. */
  float16: () => Promise<GraphModel>;
}

/** The chosen dtype and what it was chosen on (manifest.json's quantization.decidedBy). */
export interface QuantizationChoice {
  dtype: QuantizationDtype;
  decidedBy: { rule: string; dataset: string } & (ClassifierFigures | DetectorFigures);
}
