/**
 * A SIP-over-WebSocket relay between a desk and Kamailio that can stop passing the desk's
 * REGISTERs on (the PBX "stops answering refreshes"), while everything else still flows.
 */
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';

export interface WsRelay {
  readonly url: string;
  /** While true, REGISTER requests from the desk are swallowed (counted in `dropped`). */
  dropRegisters: boolean;
  readonly dropped: number;
  /** Every SIP message the desk sent, as sent. */
  readonly fromDesk: readonly string[];
  close(): Promise<void>;
}

export async function startWsRelay(upstream: string): Promise<WsRelay> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (p) => (p.has('sip') ? 'sip' : false) });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const relay = {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    dropRegisters: false,
    dropped: 0,
    fromDesk: [] as string[],
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of server.clients) c.terminate();
        server.close(() => resolve());
      }),
  };
  server.on('connection', (client) => {
    const pbx = new WebSocket(upstream, 'sip');
    const early: string[] = [];
    pbx.on('open', () => early.splice(0).forEach((m) => pbx.send(m)));
    pbx.on('message', (data) => client.readyState === WebSocket.OPEN && client.send(String(data)));
    client.on('message', (data) => {
      const message = String(data);
      relay.fromDesk.push(message);
      if (relay.dropRegisters && message.startsWith('REGISTER ')) {
        relay.dropped += 1;
        return;
      }
      if (pbx.readyState === WebSocket.OPEN) pbx.send(message);
      else early.push(message);
    });
    client.on('close', () => pbx.close());
    pbx.on('close', () => client.close());
    pbx.on('error', () => client.terminate());
  });
  return relay;
}
