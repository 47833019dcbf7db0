/**
 * The customers of `bench:chat`: N web-chat customers in one page, each the web-chat page's own
 * CustomerChat (saved before sending, resent until 200) on its own guest line (guest-line.ts), so
 * the benchmark drives the same code a customer's browser runs, without N renderers of UI.
 * Driven through `window.customers`.
 */
import { CustomerChat, type KeyValueStore } from '../../../renderer/webchat/customer-chat';
import { connectGuest, type GuestLine, type WebChatConfig } from '../../../renderer/webchat/guest-line';

interface Customer {
  readonly chat: CustomerChat;
  readonly line: GuestLine;
}

const customers: Customer[] = [];
/** Arrival time (epoch ms, sub-ms) of each desk message by its text, per customer. */
const arrivals: Map<string, number>[] = [];
const memory = (): KeyValueStore => {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
};
const epochNow = () => performance.timeOrigin + performance.now();

async function start(config: WebChatConfig, n: number): Promise<void> {
  for (let i = customers.length; i < n; i++) {
    const chat = new CustomerChat(memory(), `c${i}`);
    const got = new Map<string, number>();
    arrivals.push(got);
    let registered!: () => void;
    const ready = new Promise<void>((resolve) => (registered = resolve));
    const line = await connectGuest(config, chat.snapshot().user, {
      onMessage: (_from, type, body) => {
        const answer = chat.receive(type, body);
        const last = chat.snapshot().messages.at(-1);
        if (answer.code === 200 && last?.direction === 'in' && !got.has(last.text)) got.set(last.text, epochNow());
        return answer;
      },
      onRegistration: (r) => r.status === 'registered' && registered(),
    });
    await ready;
    customers.push({ chat, line });
  }
}

/** Customer `i` says `text`; ms from the call to the desk's 200 (stored on the desk's main side). */
async function say(i: number, text: string): Promise<{ ms: number; status: string }> {
  const c = customers[i]!;
  const t0 = performance.now();
  await c.chat.say(text, c.line.send);
  return { ms: performance.now() - t0, status: c.chat.snapshot().messages.at(-1)!.status };
}

/** When customer `i` got the desk message `text` (epoch ms), or null. */
const arrived = (i: number, text: string): number | null => arrivals[i]!.get(text) ?? null;

Object.assign(window, { customers: { start, say, arrived, users: () => customers.map((c) => c.chat.snapshot().user), convs: () => customers.map((c) => c.chat.snapshot().conv) } });
