/**
 * Headset devices are remembered by label ("Jabra Evolve2 40"), not by deviceId: ids change between
 * sessions and origins, labels survive a re-plug. Pure resolution, so the fallback rules are tested
 * without a browser.
 */
import { z } from 'zod';

export const AUDIO_ROLES = ['input', 'output', 'ringer'] as const;
export type AudioRole = (typeof AUDIO_ROLES)[number];

/** The agent's choice per role: a device label, or null for the system default. */
export const AudioDeviceChoiceSchema = z
  .object({ input: z.string().max(200).nullable(), output: z.string().max(200).nullable(), ringer: z.string().max(200).nullable() })
  .strict();
export type AudioDeviceChoice = z.infer<typeof AudioDeviceChoiceSchema>;

export interface DeviceInfo {
  readonly deviceId: string;
  readonly kind: 'audioinput' | 'audiooutput' | 'videoinput';
  readonly label: string;
}

export interface ResolvedDevices {
  /** deviceId per role; undefined means the system default. */
  readonly ids: Readonly<Record<AudioRole, string | undefined>>;
  /** Roles whose chosen device is not plugged in (they fall back to the default). */
  readonly missing: readonly AudioRole[];
}

const KIND: Record<AudioRole, DeviceInfo['kind']> = { input: 'audioinput', output: 'audiooutput', ringer: 'audiooutput' };

export function resolveDevices(devices: readonly DeviceInfo[], choice: AudioDeviceChoice): ResolvedDevices {
  const ids = {} as Record<AudioRole, string | undefined>;
  const missing: AudioRole[] = [];
  for (const role of AUDIO_ROLES) {
    const label = choice[role];
    if (label === null) {
      ids[role] = undefined;
      continue;
    }
    const found = devices.find((d) => d.kind === KIND[role] && d.label === label && d.deviceId !== 'default' && d.deviceId !== 'communications');
    ids[role] = found?.deviceId;
    if (!found) missing.push(role);
  }
  return { ids, missing };
}

/** What changed between two resolutions, for telling the agent ("headset gone, using default" / "back"). */
export function deviceChanges(before: ResolvedDevices, after: ResolvedDevices): { lost: AudioRole[]; returned: AudioRole[]; switched: AudioRole[] } {
  const lost = after.missing.filter((r) => !before.missing.includes(r));
  const returned = before.missing.filter((r) => !after.missing.includes(r));
  const switched = AUDIO_ROLES.filter((r) => before.ids[r] !== after.ids[r]);
  return { lost, returned, switched };
}
