/** `npm run bench:profile` options: --runs=30 --warmup=5 --photo=FILE. */
import path from 'node:path';
import { SHARED_DATA_DIR } from '../../scripts/lib/paths';

export interface ProfileOptions {
  runs: number;
  warmup: number;
  /** The photo the detector sees. */
  photo: string;
}

function positiveInt(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`);
  return n;
}

export function parseOptions(args: readonly string[]): ProfileOptions {
  const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  return {
    runs: positiveInt(flag('runs') ?? '30', 'runs'),
    warmup: positiveInt(flag('warmup') ?? '5', 'warmup'),
    photo: path.resolve(flag('photo') ?? path.join(SHARED_DATA_DIR, 'faces', 'neutral-woman.jpg')),
  };
}
