import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AudioDevicesCard } from '../../renderer/src/features/softphone/AudioDevicesCard';
import { renderApp } from './render-app';

/** A fake navigator.mediaDevices whose device list the test changes, firing devicechange like a re-plug. */
function fakeMediaDevices(initial: MediaDeviceInfo[], getUserMedia: () => Promise<MediaStream>) {
  let devices = initial;
  const target = new EventTarget();
  const md = Object.assign(target, {
    enumerateDevices: vi.fn(async () => devices),
    getUserMedia: vi.fn(getUserMedia),
  });
  Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: md });
  return {
    plug(next: MediaDeviceInfo[]) {
      devices = next;
      target.dispatchEvent(new Event('devicechange'));
    },
  };
}

const dev = (deviceId: string, kind: MediaDeviceKind, label: string) => ({ deviceId, kind, label, groupId: '', toJSON: () => ({}) }) as MediaDeviceInfo;
const BUILT_IN = [dev('mic-int', 'audioinput', 'Built-in Microphone'), dev('spk-int', 'audiooutput', 'Built-in Speakers')];
const HEADSET = [dev('mic-h', 'audioinput', 'Jabra Evolve2 40'), dev('spk-h', 'audiooutput', 'Jabra Evolve2 40')];

afterEach(() => {
  Reflect.deleteProperty(navigator, 'mediaDevices');
});

describe('headset devices', () => {
  it('tells the agent when the chosen headset is unplugged (default used) and when it returns', async () => {
    const media = fakeMediaDevices([...BUILT_IN, ...HEADSET], () => Promise.reject(new Error('unused')));
    const { store, softphone } = await renderApp();
    await act(() => softphone.chooseDevice('input', 'Jabra Evolve2 40'));
    await act(() => softphone.chooseDevice('output', 'Jabra Evolve2 40'));
    expect(store.getState().settings?.audioDevices).toMatchObject({ input: 'Jabra Evolve2 40', output: 'Jabra Evolve2 40' });
    expect(store.getState().resolvedDevices.ids).toMatchObject({ input: 'mic-h', output: 'spk-h' });
    softphone.watchEnvironment();

    act(() => media.plug(BUILT_IN));
    expect(await screen.findByTestId('device-notice')).toHaveTextContent('所选麦克风、听筒已断开，已改用系统默认设备');
    expect(store.getState().resolvedDevices.ids).toMatchObject({ input: undefined, output: undefined });

    act(() => media.plug([...BUILT_IN, ...HEADSET.map((d) => dev(`${d.deviceId}-2`, d.kind, d.label))]));
    await waitFor(() => expect(screen.getByTestId('device-notice')).toHaveTextContent('所选麦克风、听筒已重新连接，已切换回来'));
    expect(store.getState().resolvedDevices.ids).toMatchObject({ input: 'mic-h-2', output: 'spk-h-2' });
  });

  it('explains a denied microphone permission instead of failing silently', async () => {
    fakeMediaDevices(BUILT_IN, () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError')));
    await renderApp(undefined, <AudioDevicesCard />);
    fireEvent.click(await screen.findByRole('button', { name: '检测麦克风' }));
    expect(await screen.findByTestId('mic-problem')).toHaveTextContent('麦克风权限被拒绝');
  });

  it('says no microphone was found when there is none', async () => {
    fakeMediaDevices([], () => Promise.reject(new DOMException('Requested device not found', 'NotFoundError')));
    await renderApp(undefined, <AudioDevicesCard />);
    fireEvent.click(await screen.findByRole('button', { name: '检测麦克风' }));
    expect(await screen.findByTestId('mic-problem')).toHaveTextContent('未找到麦克风');
  });
});
