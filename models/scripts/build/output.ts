/** How build-models reports: one line per step on stdout, figures rounded for manifest.json. */
export const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Rounded so that manifest.json reads well and does not churn in its last digits. */
export const round = (x: number, digits = 6): number => Number(x.toFixed(digits));
