import type { ChangeEvent } from 'react';

/** The JSON of the file chosen in an `<input type="file">` (cleared for the next choice); an error names the file. */
export async function chosenJson(e: ChangeEvent<HTMLInputElement>): Promise<{ ok: true; value: unknown } | { ok: false; name: string } | null> {
  const file = e.target.files?.[0];
  e.target.value = '';
  if (!file) return null;
  try {
    return { ok: true, value: JSON.parse(await file.text()) };
  } catch {
    return { ok: false, name: file.name };
  }
}
