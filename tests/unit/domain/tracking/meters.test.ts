import { describe, expect, it } from 'vitest';
import { cameraErrorMessage } from '../../../../src/lib/services/camera/camera';
import { addSample, rateMeter, rates } from '../../../../src/lib/domain/tracking/rate-meter';

describe('rate meter', () => {
  it('has no figures until results arrive', () => {
    expect(rates(rateMeter())).toEqual({ fps: null, latencyMs: null });
    expect(rates(addSample(rateMeter(), 0, 40))).toEqual({ fps: null, latencyMs: 40 });
  });

  it('measures processed fps and mean latency over the window', () => {
    let meter = rateMeter(2000);
    for (let i = 0; i <= 50; i++) meter = addSample(meter, i * 100, i < 30 ? 500 : 80);
    // Only the last 2 s (21 results, 100 ms apart) count.
    expect(meter.samples).toHaveLength(21);
    const { fps, latencyMs } = rates(meter);
    expect(fps).toBeCloseTo(10);
    expect(latencyMs).toBeCloseTo(80);
  });
});

describe('camera errors', () => {
  const named = (name: string) => Object.assign(new Error('x'), { name });
  it('tells the person what to do', () => {
    expect(cameraErrorMessage(named('NotAllowedError'))).toMatch(/refused/);
    expect(cameraErrorMessage(named('NotFoundError'))).toMatch(/No camera was found/);
    expect(cameraErrorMessage(named('NotReadableError'))).toMatch(/another application/);
    expect(cameraErrorMessage(new TypeError('x'))).toMatch(/secure/);
    expect(cameraErrorMessage(new Error('boom'))).toBe('The camera could not be started: boom');
  });
});
