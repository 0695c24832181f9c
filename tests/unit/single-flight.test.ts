import { describe, expect, it } from 'vitest';
import { SingleFlight } from '../../lib/async.ts';

/** A promise settled from outside, so the test decides when each call ends. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SingleFlight', () => {
  it('runs one task for calls with the same key while it runs, and a new one after it settles', async () => {
    const flight = new SingleFlight<string>();
    const pending = [deferred<string>(), deferred<string>()];
    let started = 0;
    const task = () => pending[started++].promise;
    const a = flight.run('k', task);
    const b = flight.run('k', task);
    expect(started).toBe(1);
    expect(flight.size).toBe(1);
    pending[0].resolve('first');
    expect(await Promise.all([a, b])).toEqual(['first', 'first']);
    expect(flight.size).toBe(0);
    const c = flight.run('k', task);
    expect(started).toBe(2);
    pending[1].resolve('second');
    expect(await c).toBe('second');
  });

  it('keeps different keys apart', async () => {
    const flight = new SingleFlight<string>();
    const [x, y] = await Promise.all([flight.run('x', () => Promise.resolve('x')), flight.run('y', () => Promise.resolve('y'))]);
    expect([x, y]).toEqual(['x', 'y']);
  });

  it('gives a failure to every caller that shared it and keeps nothing of it', async () => {
    const flight = new SingleFlight<string>();
    const d = deferred<string>();
    const a = flight.run('k', () => d.promise);
    const b = flight.run('k', () => Promise.resolve('never asked'));
    d.reject(new Error('store down'));
    await expect(a).rejects.toThrow('store down');
    await expect(b).rejects.toThrow('store down');
    expect(flight.size).toBe(0);
    expect(await flight.run('k', () => Promise.resolve('recovered'))).toBe('recovered');
  });

  it('turns a task that throws before returning a promise into a rejection', async () => {
    const flight = new SingleFlight<string>();
    await expect(flight.run('k', () => { throw new Error('bad key'); })).rejects.toThrow('bad key');
    expect(flight.size).toBe(0);
  });
});

describe('SingleFlight with reuse', () => {
  it('answers calls made within reuseMs of a call start with its value, then runs again', async () => {
    let clock = 0;
    const flight = new SingleFlight<number>(100, 10, () => clock);
    let runs = 0;
    const task = () => Promise.resolve(++runs);
    expect(await flight.run('k', task)).toBe(1);
    clock = 99;
    expect(await flight.run('k', task)).toBe(1);
    clock = 100;
    expect(await flight.run('k', task)).toBe(2);
    expect(runs).toBe(2);
  });

  it('counts the age from the start of the call, not its end', async () => {
    let clock = 0;
    const flight = new SingleFlight<string>(100, 10, () => clock);
    const slow = deferred<string>();
    const first = flight.run('k', () => slow.promise);
    clock = 150;
    slow.resolve('old');
    expect(await first).toBe('old');
    let again = false;
    expect(await flight.run('k', () => ((again = true), Promise.resolve('new')))).toBe('new');
    expect(again).toBe(true);
  });

  it('never keeps a failure', async () => {
    const flight = new SingleFlight<string>(1_000);
    await expect(flight.run('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await flight.run('k', () => Promise.resolve('up'))).toBe('up');
  });

  it('keeps at most maxKept values, dropping the oldest and the expired first', async () => {
    let clock = 0;
    const flight = new SingleFlight<number>(100, 3, () => clock);
    for (let i = 0; i < 5; i++) await flight.run(`k${i}`, () => Promise.resolve(i));
    expect(flight.keptSize).toBe(3);
    let ran = false;
    await flight.run('k0', () => ((ran = true), Promise.resolve(0)));
    expect(ran).toBe(true);
    clock = 200;
    await flight.run('fresh', () => Promise.resolve(9));
    expect(flight.keptSize).toBe(1);
  });
});
