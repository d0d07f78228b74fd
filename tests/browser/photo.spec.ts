/**
 * The photo page end to end: the built app under our nginx.conf, real photos, the real models in
 * the inference worker.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { blackPng } from '../png-file';

const facesDir = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'faces');
interface Truth {
  faces: number[][];
  optional: number[][];
}
const truth = JSON.parse(readFileSync(path.join(facesDir, 'faces.json'), 'utf8')).images as Record<
  string,
  Truth
>;

const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];

test.describe('photo analysis', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready', {
      timeout: 60_000,
    });
  });

  test('shows the faces of the whole-image pass first, then the small faces of the finer passes', async ({
    page,
  }) => {
    // Every state the status line goes through, recorded by the page as it changes.
    await page.evaluate(() => {
      const w = window as typeof window & { __photoStates?: string[] };
      w.__photoStates = [];
      const record = () => {
        const el = document.querySelector('[data-testid="analysis-status"]');
        const first = document.querySelectorAll(
          '[data-testid="first-faces"] [data-testid="face-box"]',
        );
        w.__photoStates?.push(`${el?.getAttribute('data-state')}:${first.length}`);
      };
      new MutationObserver(record).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
      });
    });
    await page.getByTestId('photo-input').setInputFiles(path.join(facesDir, 'meeting-group.jpg'));
    const status = page.getByTestId('analysis-status');
    await expect(status).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    const states = await page.evaluate(
      () => (window as typeof window & { __photoStates?: string[] }).__photoStates ?? [],
    );
    const early = states.filter((s) => /^analyzing:[1-9]/.test(s));
    expect(early.length, states.join(' ')).toBeGreaterThan(0);
    const firstCount = Number(early[0]?.split(':')[1]);
    expect(await page.getByTestId('face').count()).toBeGreaterThanOrEqual(firstCount);
  });

  for (const [name, { faces, optional }] of Object.entries(truth)) {
    test(`${name}: finds the faces faces.json lists`, async ({ page }) => {
      await page.getByTestId('photo-input').setInputFiles(path.join(facesDir, name));
      const status = page.getByTestId('analysis-status');
      await expect(status).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
      if (faces.length === 0 && optional.length === 0)
        await expect(status).toContainText('No face found');
      const found = page.getByTestId('face');
      const count = await found.count();
      expect(count).toBeGreaterThanOrEqual(faces.length);
      expect(count).toBeLessThanOrEqual(faces.length + optional.length);
      for (const face of await found.all()) {
        expect(EMOTIONS).toContain(await face.getAttribute('data-emotion'));
        const stress = Number(await face.getAttribute('data-stress'));
        expect(Number.isInteger(stress) && stress >= 0 && stress <= 100).toBe(true);
      }
    });
  }

  test('a corrupt JPEG gets a readable error', async ({ page }) => {
    const head = readFileSync(path.join(facesDir, 'angry-man.jpg')).subarray(0, 2000);
    await page
      .getByTestId('photo-input')
      .setInputFiles({ name: 'broken.jpg', mimeType: 'image/jpeg', buffer: head });
    const status = page.getByTestId('analysis-status');
    await expect(status).toHaveAttribute('data-state', 'error');
    await expect(status).toContainText('could not be decoded');
    await expect(page.getByTestId('face')).toHaveCount(0);
  });

  test('a file that is not an image gets a readable error', async ({ page }) => {
    await page.getByTestId('photo-input').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not a photo at all'),
    });
    const status = page.getByTestId('analysis-status');
    await expect(status).toHaveAttribute('data-state', 'error');
    await expect(status).toContainText('not a JPEG, PNG or WebP');
  });

  test('a photo over 40 MP is refused with its size, before it is decoded', async ({ page }) => {
    // A valid 20000 × 20000 PNG (50 kB on disk): decoded, it would take 1.6 GB of RGBA, twice.
    await page.getByTestId('photo-input').setInputFiles({
      name: 'huge.png',
      mimeType: 'image/png',
      buffer: blackPng(20_000, 20_000),
    });
    const status = page.getByTestId('analysis-status');
    await expect(status).toHaveAttribute('data-state', 'error');
    await expect(status).toContainText(
      '"huge.png" is 20000 × 20000 pixels (400 MP); the limit is 40 MP.',
    );
  });

  test('an image in another format is named, with the formats that are read', async ({ page }) => {
    // The smallest GIF: 1 × 1 pixel.
    const gif = 'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
    await page.getByTestId('photo-input').setInputFiles({
      name: 'pixel.gif',
      mimeType: 'image/gif',
      buffer: Buffer.from(gif, 'base64'),
    });
    const status = page.getByTestId('analysis-status');
    await expect(status).toHaveAttribute('data-state', 'error');
    await expect(status).toContainText(
      '"pixel.gif" is an image in GIF format, not a JPEG, PNG or WebP photo.',
    );
  });

  test('TensorFlow.js runs only in the worker', async ({ page }) => {
    await page.getByTestId('photo-input').setInputFiles(path.join(facesDir, 'neutral-woman.jpg'));
    await expect(page.getByTestId('analysis-status')).toHaveAttribute('data-state', 'done', {
      timeout: 60_000,
    });
    // tfjs-core registers itself on a global of the realm that loads it.
    const onPage = await page.evaluate(() => 'tf' in globalThis || '_tfengine' in globalThis);
    expect(onPage).toBe(false);
    const workers = page.workers();
    expect(workers.length).toBeGreaterThan(0);
    const inWorker = await Promise.all(
      workers.map((w) => w.evaluate(() => '_tfengine' in globalThis)),
    );
    expect(inWorker).toContain(true);
  });
});

test.describe('GPU context loss', () => {
  test('a lost WebGL context falls back to WASM and the analysis still completes', async ({
    page,
  }) => {
    // Here WebGL is SwiftShader, skipped unless asked for by name.
    await page.goto('/?backend=webgl');
    const engine = page.getByTestId('engine-status');
    await expect(engine).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
    await expect(engine).toContainText('GPU available');
    const [worker] = page.workers();
    expect(worker).toBeDefined();
    // Lose the context the way a GPU reset would, from inside the worker that owns it.
    const lost = await worker!.evaluate(() => {
      const engine = (
        globalThis as unknown as {
          _tfengine: { backendInstance: { gpgpu: { gl: WebGL2RenderingContext } } };
        }
      )._tfengine;
      const gl = engine.backendInstance.gpgpu.gl;
      gl.getExtension('WEBGL_lose_context')?.loseContext();
      return gl.isContextLost();
    });
    expect(lost).toBe(true);
    await page
      .getByTestId('photo-input')
      .setInputFiles(path.join(facesDir, 'astronaut-eileen-collins.png'));
    const status = page.getByTestId('analysis-status');
    await expect(status).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    await expect(status).toContainText('(wasm)');
    await expect(page.getByTestId('face')).toHaveCount(1);
  });
});
