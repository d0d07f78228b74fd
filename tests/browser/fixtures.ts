/**
 * The `test` every browser test imports. An automatic fixture fails the test when the page (or
 * anything in its browser context) requested another origin than the app's, or when the
 * Content-Security-Policy blocked anything: the app must work offline, under its real headers.
 */
import { test as base, expect } from '@playwright/test';

/** What the page reports of a `securitypolicyviolation` event. */
export interface CspViolation {
  directive: string;
  blockedURI: string;
  sourceFile: string;
  line: number;
  sample: string;
}

/** Runs in every document before its own scripts: keeps CSP violations on `window` and reports
 * them to the test as they happen (a later navigation would lose the window's copy). */
function recordCspViolations(): void {
  const w = window as unknown as {
    __cspViolations?: CspViolation[];
    __reportCspViolation?: (v: CspViolation) => Promise<void>;
  };
  w.__cspViolations = [];
  document.addEventListener(
    'securitypolicyviolation',
    (e) => {
      const v: CspViolation = {
        directive: e.effectiveDirective,
        blockedURI: e.blockedURI,
        sourceFile: e.sourceFile,
        line: e.lineNumber,
        sample: e.sample,
      };
      w.__cspViolations?.push(v);
      void w.__reportCspViolation?.(v);
    },
    { capture: true },
  );
}

const ignoredSchemes = /^(data|blob):/i;

export const test = base.extend<{ sameOriginAndCspGuard: void }>({
  sameOriginAndCspGuard: [
    async ({ context, baseURL }, use) => {
      if (!baseURL) throw new Error('use.baseURL must be set (playwright.config.ts)');
      const origin = new URL(baseURL).origin;
      const offOrigin: string[] = [];
      const violations: string[] = [];

      context.on('request', (request) => {
        const url = request.url();
        if (ignoredSchemes.test(url)) return;
        if (new URL(url).origin !== origin) offOrigin.push(`${request.method()} ${url}`);
      });
      // Chromium also logs violations to the console, including those of workers, which the
      // init script cannot see.
      context.on('console', (msg) => {
        if (/content.security.policy/i.test(msg.text())) violations.push(`console: ${msg.text()}`);
      });
      await context.exposeBinding('__reportCspViolation', (_source, v: CspViolation) => {
        violations.push(
          `event: ${v.directive} blocked ${v.blockedURI || '(inline)'} at ${v.sourceFile}:${v.line}` +
            (v.sample ? ` "${v.sample}"` : ''),
        );
      });
      await context.addInitScript(recordCspViolations);

      await use();

      expect(offOrigin, `requests to an origin other than ${origin}`).toEqual([]);
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
