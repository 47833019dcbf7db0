import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layer rule (architecture.md) is enforced by eslint.config.mjs. These cases lint snippets as if
// they were files at the given paths and prove a violation fails the lint, and a legal import passes.
const root = join(__dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root });

async function restrictedImportErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-properties').map((m) => m.message);
}

describe('layer rule (lint)', () => {
  it.each([
    ['shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n"],
    ['shared/x.ts', "import { useState } from 'react';\nexport const u = useState;\n"],
    ['shared/x.ts', "import { openDatabase } from '../electron/db/database';\nexport const o = openDatabase;\n"],
    ['renderer/src/x.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n"],
    ['renderer/src/x.ts', "import { createHandlers } from '../../electron/api/handlers';\nexport const c = createHandlers;\n"],
    ['renderer/src/features/phrases/x.ts', "import { UserAgent } from 'sip.js';\nexport const u = UserAgent;\n"],
    ['electron/services/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['electron/preload.ts', "import { z } from 'zod';\nexport const zz = z;\n"],
    ['renderer/src/features/x.ts', 'export const api = window.zuoxi;\n'],
    ['renderer/webchat/x.ts', "import { useAppStore } from '../src/store';\nexport const s = useAppStore;\n"],
    ['renderer/webchat/x.ts', "import { UserAgent } from 'sip.js';\nexport const u = UserAgent;\n"],
    ['renderer/src/features/chat/x.ts', "import { CustomerChat } from '../../../webchat/customer-chat';\nexport const c = CustomerChat;\n"],
  ])('fails %s importing across the rule', async (file, code) => {
    const errors = await restrictedImportErrors(file, code);
    expect(errors.length, `${file}:\n${code}`).toBeGreaterThan(0);
  });

  it.each([
    ['shared/x.ts', "import { z } from 'zod';\nexport const s = z.string();\n"],
    ['renderer/src/x.ts', "import { contract } from '../../shared/ipc-contract';\nexport const c = contract;\n"],
    ['renderer/src/features/softphone/engine/x.ts', "import { UserAgent } from 'sip.js';\nexport const u = UserAgent;\n"],
    ['renderer/webchat/guest-line.ts', "import { UserAgent } from 'sip.js';\nimport { sipLinePort } from '../src/features/softphone/engine/registration-supervisor';\nexport const u = [UserAgent, sipLinePort];\n"],
    ['electron/db/x.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n"],
    ['electron/window.ts', "import { BrowserWindow } from 'electron';\nexport const b = BrowserWindow;\n"],
    ['electron/preload.ts', "import { contextBridge } from 'electron';\nimport { createAgentApi } from '../shared/ipc-contract.js';\nexport const c = [contextBridge, createAgentApi];\n"],
  ])('passes %s importing within the rule', async (file, code) => {
    expect(await restrictedImportErrors(file, code)).toEqual([]);
  });
});
