import { describe, expect, it } from 'vitest';
import { MonitoringPolicySchema, PBX_PRESETS, PbxMonitoringSchema } from '../../../shared/monitoring';

describe('the monitoring policy: who mixes (issue 17, item 5)', () => {
  it('a policy stored before PBX-side monitoring existed keeps its rules and mixes on the desk', () => {
    const old = MonitoringPolicySchema.parse({ modes: ['listen'], discloseListen: false });
    expect(old).toEqual({ modes: ['listen'], discloseListen: false, pbx: { kind: 'desk', prefix: '', digits: { listen: '4', whisper: '5', barge: '6' } }, recording: { enabled: false, retentionDays: 30 } });
  });

  it('a PBX needs its feature code; the desk does not', () => {
    expect(PbxMonitoringSchema.safeParse({ kind: 'asterisk', prefix: '', digits: PBX_PRESETS.asterisk.digits }).success).toBe(false);
    expect(PbxMonitoringSchema.safeParse({ kind: 'asterisk', prefix: '*34', digits: PBX_PRESETS.asterisk.digits }).success).toBe(true);
    expect(PbxMonitoringSchema.safeParse({ kind: 'desk', prefix: '', digits: PBX_PRESETS.asterisk.digits }).success).toBe(true);
  });

  it('feature codes and mode digits are dial digits only, nothing that could change the SIP request', () => {
    const digits = PBX_PRESETS.freeswitch.digits;
    for (const prefix of ['88@evil', '88;user=phone', '8'.repeat(9), '88 ']) expect(PbxMonitoringSchema.safeParse({ kind: 'freeswitch', prefix, digits }).success).toBe(false);
    for (const listen of ['', '12345', 'a', '0\r\n']) expect(PbxMonitoringSchema.safeParse({ kind: 'freeswitch', prefix: '88', digits: { ...digits, listen } }).success).toBe(false);
    expect(PbxMonitoringSchema.safeParse({ kind: 'freeswitch', prefix: '*88#', digits: { ...digits, barge: '*3' } }).success).toBe(true);
  });

  it('the presets are the PBXs\' own digits: ChanSpy 4/5/6, eavesdrop 0/2/3', () => {
    expect(PBX_PRESETS.asterisk.digits).toEqual({ listen: '4', whisper: '5', barge: '6' });
    expect(PBX_PRESETS.freeswitch.digits).toEqual({ listen: '0', whisper: '2', barge: '3' });
  });
});
