/** Runs a step per turn of the event loop until it reports it is done, so IPC and other work interleave. */
export type Schedule = (fn: () => void) => void;

export const nextTurn: Schedule = (fn) => void setImmediate(fn);

/**
 * Calls `step` once per scheduled turn until it returns false (nothing left) or `stopped()`;
 * resolves then. A step that throws ends the run with that error.
 */
export function inTurns(step: () => boolean, schedule: Schedule, stopped: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const turn = () => {
      try {
        if (!stopped() && step()) schedule(turn);
        else resolve();
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    };
    schedule(turn);
  });
}
