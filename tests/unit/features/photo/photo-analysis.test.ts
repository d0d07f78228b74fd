import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  firstFacesText,
  PhotoAnalysis,
  resultText,
} from '../../../../src/lib/features/photo/photo-analysis.svelte';
import type { FrameAnalysis } from '../../../../src/lib/domain/analysis/types';
import { InferenceError } from '../../../../src/lib/inference/client';
import { fakePage, undoFakes } from '../../fixtures/fake-page';
import { FEAR, HAPPY, photoAnalysis } from '../../fixtures/sessions';

/** The inference engine, answering each photo with the next analysis it is given. */
function fakeEngine(...answers: FrameAnalysis[]) {
  return {
    start: vi.fn(() => Promise.reject(new Error('no worker in Node'))),
    analyze: vi.fn(async () => {
      const next = answers.shift();
      if (!next) throw new Error('The engine failed.');
      return next;
    }),
  };
}

const decoded = vi.fn(async () => ({ width: 800, height: 600 }) as ImageBitmap);

describe('photo analysis', () => {
  let page: ReturnType<typeof fakePage>;
  beforeEach(() => (page = fakePage()));
  afterEach(undoFakes);

  it('analyses a photo and shows it from an object URL, revoked when the next one replaces it', async () => {
    const first = photoAnalysis(HAPPY, FEAR);
    const second = photoAnalysis(FEAR);
    const engine = fakeEngine(first, second);
    const photo = new PhotoAnalysis(engine, decoded);
    expect(photo.status).toEqual({ state: 'idle' });

    const analysing = photo.analyse(new File(['jpeg'], 'team.jpg'));
    expect(photo.status).toEqual({ state: 'analyzing', name: 'team.jpg' });
    await analysing;
    expect(engine.analyze).toHaveBeenCalledWith(
      { width: 800, height: 600 },
      'photo',
      expect.any(Function),
    );
    expect(photo.status).toMatchObject({ state: 'done', analysis: first, name: 'team.jpg' });
    const firstUrl = photo.status.state === 'done' ? photo.status.src : '';
    expect(page.liveUrls()).toEqual([firstUrl]);

    await photo.analyse(new File(['jpeg'], 'me.jpg'));
    expect(photo.status).toMatchObject({ state: 'done', analysis: second, name: 'me.jpg' });
    expect(page.liveUrls()).toHaveLength(1);
    expect(page.liveUrls()).not.toContain(firstUrl);

    photo.dispose();
    expect(page.liveUrls()).toEqual([]);
  });

  it('shows the faces of the whole-image pass while the tiles run, then the whole result', async () => {
    const first = photoAnalysis(HAPPY);
    const final = photoAnalysis(HAPPY, FEAR);
    const seen: string[] = [];
    const engine = {
      start: vi.fn(() => Promise.resolve()),
      analyze: vi.fn(async (_b: ImageBitmap, _m: string, onFirst?: (a: FrameAnalysis) => void) => {
        onFirst?.(photoAnalysis()); // a pass without faces shows nothing early
        seen.push(
          photo.status.state +
            (photo.status.state === 'analyzing' && photo.status.first ? '+first' : ''),
        );
        onFirst?.(first);
        seen.push(
          photo.status.state +
            (photo.status.state === 'analyzing' && photo.status.first ? '+first' : ''),
        );
        return final;
      }),
    };
    const photo = new PhotoAnalysis(engine, decoded);
    await photo.analyse(new File(['jpeg'], 'team.jpg'));
    expect(seen).toEqual(['analyzing', 'analyzing+first']);
    expect(photo.status).toMatchObject({ state: 'done', analysis: final });
    // The early view and the result show the photo from the same object URL.
    expect(page.liveUrls()).toHaveLength(1);
  });

  it('first faces of a photo are text for the page while it waits', () => {
    expect(firstFacesText(photoAnalysis(HAPPY, FEAR))).toMatch(
      /^2 faces so far, in \d+ ms; looking for smaller faces…$/,
    );
  });

  it('says why a file cannot be read, in the words of the file check', async () => {
    const engine = fakeEngine();
    const photo = new PhotoAnalysis(engine);
    await photo.analyse(new File(['hello'], 'notes.txt'));
    expect(photo.status).toEqual({
      state: 'error',
      message: '"notes.txt" is not a JPEG, PNG or WebP photo.',
    });
    expect(engine.analyze).not.toHaveBeenCalled();
    expect(page.liveUrls()).toEqual([]);
  });

  it('says so when the engine fails', async () => {
    const photo = new PhotoAnalysis(fakeEngine(), decoded);
    await photo.analyse(new File(['jpeg'], 'team.jpg'));
    expect(photo.status).toEqual({ state: 'error', message: 'The engine failed.' });
  });

  it('a photo whose engine was lost (and restarted) is analysed once more, from a fresh bitmap', async () => {
    const lost = () => new InferenceError('worker-hung', 'The analysis engine stopped: it hung');
    const analysis = photoAnalysis(HAPPY);
    const engine = fakeEngine(analysis);
    engine.analyze.mockRejectedValueOnce(lost());
    const open = vi.fn(decoded);
    const photo = new PhotoAnalysis(engine, open);
    await photo.analyse(new File(['jpeg'], 'team.jpg'));
    expect(photo.status).toMatchObject({ state: 'done', analysis });
    expect(open).toHaveBeenCalledTimes(2);

    // Only once: lost twice in a row, the photo says why.
    engine.analyze.mockRejectedValueOnce(lost()).mockRejectedValueOnce(lost());
    await photo.analyse(new File(['jpeg'], 'me.jpg'));
    expect(photo.status).toEqual({
      state: 'error',
      message: 'The analysis engine stopped: it hung',
    });
    expect(engine.analyze).toHaveBeenCalledTimes(4);
  });

  it('starts loading the models with the page; a failure is left to the engine status', async () => {
    const engine = fakeEngine();
    new PhotoAnalysis(engine).prepare();
    expect(engine.start).toHaveBeenCalledOnce();
  });
});

describe('photo result text', () => {
  it('counts the faces and the time, or says none was found', () => {
    expect(resultText(photoAnalysis())).toMatch(/^No face found in this photo\./);
    expect(resultText(photoAnalysis(HAPPY))).toBe('1 face found in 5 ms (wasm).');
    expect(resultText(photoAnalysis(HAPPY, FEAR))).toBe('2 faces found in 5 ms (wasm).');
  });
});
