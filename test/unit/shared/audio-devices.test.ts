import { describe, expect, it } from 'vitest';
import { deviceChanges, resolveDevices, type DeviceInfo } from '../../../shared/audio-devices';

const laptop: DeviceInfo[] = [
  { deviceId: 'default', kind: 'audioinput', label: 'Default - Built-in Microphone' },
  { deviceId: 'mic-int', kind: 'audioinput', label: 'Built-in Microphone' },
  { deviceId: 'spk-int', kind: 'audiooutput', label: 'Built-in Speakers' },
];
const headset: DeviceInfo[] = [
  { deviceId: 'mic-h', kind: 'audioinput', label: 'Jabra Evolve2 40' },
  { deviceId: 'spk-h', kind: 'audiooutput', label: 'Jabra Evolve2 40' },
];
const choice = { input: 'Jabra Evolve2 40', output: 'Jabra Evolve2 40', ringer: 'Built-in Speakers' };

describe('audio device resolution (remembered by label)', () => {
  it('finds the chosen devices by label and kind; null means the system default', () => {
    expect(resolveDevices([...laptop, ...headset], choice)).toEqual({ ids: { input: 'mic-h', output: 'spk-h', ringer: 'spk-int' }, missing: [] });
    expect(resolveDevices(laptop, { input: null, output: null, ringer: null })).toEqual({ ids: { input: undefined, output: undefined, ringer: undefined }, missing: [] });
  });

  it('falls back to the default when the headset is unplugged, and reports it missing', () => {
    expect(resolveDevices(laptop, choice)).toEqual({ ids: { input: undefined, output: undefined, ringer: 'spk-int' }, missing: ['input', 'output'] });
  });

  it('follows a re-plug with a new deviceId (ids are not stable, labels are)', () => {
    const replugged = headset.map((d) => ({ ...d, deviceId: `${d.deviceId}-2` }));
    expect(resolveDevices([...laptop, ...replugged], choice).ids.input).toBe('mic-h-2');
  });

  it('never picks the "default" alias even if it carries the chosen label', () => {
    expect(resolveDevices([{ deviceId: 'default', kind: 'audioinput', label: 'Jabra Evolve2 40' }], choice).missing).toContain('input');
  });

  it('tells what was lost, what came back and which roles switched device', () => {
    const plugged = resolveDevices([...laptop, ...headset], choice);
    const unplugged = resolveDevices(laptop, choice);
    expect(deviceChanges(plugged, unplugged)).toEqual({ lost: ['input', 'output'], returned: [], switched: ['input', 'output'] });
    expect(deviceChanges(unplugged, plugged)).toEqual({ lost: [], returned: ['input', 'output'], switched: ['input', 'output'] });
    expect(deviceChanges(plugged, plugged)).toEqual({ lost: [], returned: [], switched: [] });
  });
});
