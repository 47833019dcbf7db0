import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RegistrationSnapshot } from '../../../shared/softphone';
import { RegistrationSupervisor, type LinePort, type RegisterOutcome } from '../../../renderer/src/features/softphone/engine/registration-supervisor';

/** A scripted transport: each connect/register call takes the next queued answer. */
class FakeLine implements LinePort {
  connects: boolean[] = [];
  registers = 0;
  closed = 0;
  reachable = true;
  registerAnswers: (RegisterOutcome | Promise<RegisterOutcome>)[] = [];

  connect(initial: boolean): Promise<void> {
    this.connects.push(initial);
    return this.reachable ? Promise.resolve() : Promise.reject(new Error('ECONNREFUSED'));
  }
  register(): Promise<RegisterOutcome> {
    this.registers += 1;
    return Promise.resolve(this.registerAnswers.shift() ?? { ok: true });
  }
  close(): Promise<void> {
    this.closed += 1;
    return Promise.resolve();
  }
}

const POLICY = { baseMs: 100, capMs: 400 };

function setup() {
  const line = new FakeLine();
  const states: RegistrationSnapshot[] = [];
  const supervisor = new RegistrationSupervisor(line, { policy: POLICY, random: () => 1, onChange: (s) => states.push(s) });
  const status = () => states.at(-1)?.status;
  return { line, states, supervisor, status };
}

describe('registration supervisor (fake transport, fake timers)', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('connects and registers', async () => {
    const { line, supervisor, states } = setup();
    await supervisor.start();
    expect(line.connects).toEqual([true]);
    expect(line.registers).toBe(1);
    expect(states.map((s) => s.status)).toEqual(['connecting', 'registered']);
  });

  it('retries an unreachable server with growing, capped delays and registers once it answers', async () => {
    const { line, supervisor, states, status } = setup();
    line.reachable = false;
    await supervisor.start();
    expect(status()).toBe('reconnecting');
    // delays 100, 200, 400, 400 (cap) with random()=1
    for (const wait of [99, 1, 199, 1, 399, 1]) await vi.advanceTimersByTimeAsync(wait);
    expect(line.connects).toEqual([true, false, false, false]);
    expect(states.at(-1)).toEqual({ status: 'reconnecting', error: 'unreachable', attempt: 4 });
    line.reachable = true;
    await vi.advanceTimersByTimeAsync(400);
    expect(status()).toBe('registered');
    expect(line.registers).toBe(1);
  });

  it('re-REGISTERs after a transport drop (sip.js does not) and the backoff starts over', async () => {
    const { line, supervisor, status } = setup();
    await supervisor.start();
    supervisor.disconnected();
    expect(status()).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(100);
    expect(line.connects).toEqual([true, false]);
    expect(line.registers).toBe(2);
    expect(status()).toBe('registered');
    supervisor.disconnected();
    await vi.advanceTimersByTimeAsync(100); // attempt counter was reset: first delay again
    expect(line.registers).toBe(3);
  });

  it('never sends a second REGISTER while one is in flight', async () => {
    const { line, supervisor } = setup();
    let answer!: (o: RegisterOutcome) => void;
    line.registerAnswers.push(new Promise((r) => (answer = r)));
    const started = supervisor.start();
    await vi.advanceTimersByTimeAsync(0);
    await supervisor.connected(); // sip.js onConnect firing during the first REGISTER
    expect(line.registers).toBe(1);
    answer({ ok: true });
    await started;
    expect(line.registers).toBe(1);
  });

  it('stops on a wrong password (401) with the code, and does not retry', async () => {
    const { line, supervisor, states } = setup();
    line.registerAnswers.push({ ok: false, code: 401 });
    await supervisor.start();
    expect(states.at(-1)).toEqual({ status: 'failed', error: 'auth-failed', code: 401 });
    expect(line.closed).toBe(1);
    supervisor.disconnected();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(line.connects).toEqual([true]);
  });

  it('maps 403 to forbidden, and retries 503 and 408 as a server in trouble', async () => {
    const forbidden = setup();
    forbidden.line.registerAnswers.push({ ok: false, code: 403 });
    await forbidden.supervisor.start();
    expect(forbidden.states.at(-1)).toMatchObject({ status: 'failed', error: 'forbidden' });

    const busy = setup();
    busy.line.registerAnswers.push({ ok: false, code: 503 }, { ok: false, code: 408 });
    await busy.supervisor.start();
    expect(busy.status()).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(100 + 200);
    expect(busy.status()).toBe('registered');
    expect(busy.line.registers).toBe(3);
  });

  it('retries at once when the OS reports the network back, instead of waiting out the backoff', async () => {
    const { line, supervisor, status } = setup();
    line.reachable = false;
    await supervisor.start();
    await vi.advanceTimersByTimeAsync(100);
    line.reachable = true;
    supervisor.online();
    await vi.advanceTimersByTimeAsync(0);
    expect(status()).toBe('registered');
  });

  it('does nothing more after stop()', async () => {
    const { line, supervisor } = setup();
    line.reachable = false;
    await supervisor.start();
    supervisor.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(line.connects).toEqual([true]);
  });

  it('a lapsed registration (refresh refused or expired) is shown at once and registered again on the same transport', async () => {
    const { line, supervisor, states, status } = setup();
    await supervisor.start();
    supervisor.lapsed();
    expect(states.at(-1)).toEqual({ status: 'reconnecting', error: 'lapsed', attempt: 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(line.connects).toEqual([true]); // the transport was fine: no reconnect
    expect(line.registers).toBe(2);
    expect(status()).toBe('registered');
  });

  it('a lapse whose old refresh is still unanswered retries with backoff until sip.js lets a REGISTER through', async () => {
    const { line, supervisor, status } = setup();
    await supervisor.start();
    line.registerAnswers.push({ ok: false, pending: true }, { ok: false, pending: true });
    supervisor.lapsed();
    await vi.advanceTimersByTimeAsync(0);
    expect(status()).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(200 + 400); // the backoff continues from the lapse's attempt
    expect(line.registers).toBe(4);
    expect(status()).toBe('registered');
  });

  it('a lapse that meets a refusal (the PBX no longer takes the account) fails with the code, no retry loop', async () => {
    const { line, supervisor, states } = setup();
    await supervisor.start();
    line.registerAnswers.push({ ok: false, code: 403 });
    supervisor.lapsed();
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)).toEqual({ status: 'failed', error: 'forbidden', code: 403 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(line.registers).toBe(2);
  });
});
