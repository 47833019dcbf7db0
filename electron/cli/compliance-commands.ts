/**
 * `zuoxi compliance eval FILE`: the checker and the early warning on a labelled JSON Lines set
 * (shared/compliance-eval.ts for the format), with the shipped default settings and the zh-CN
 * phrase library, as a desk has them before a company edits anything. Prints one JSON object:
 * precision and recall overall and per rule / family, and every miss and false alarm.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileChecker, ComplianceSettingsSchema } from '../../shared/compliance.js';
import { evaluateCompliance, LabelledLineSchema } from '../../shared/compliance-eval.js';
import { forbiddenOf, PhraseLibrarySchema } from '../../shared/phrases.js';
import { checkoutPaths } from '../services/app-paths.js';
import { loadDefaultSettings } from '../services/settings.service.js';
import type { CliIo, GroupArgs } from './zuoxi.js';

export const COMPLIANCE_USAGE = `  compliance eval FILE [--policy JSON] precision and recall of the checker (lines {"text","rules":[…],"reply"?})
                                       and the sensitive-word warning (lines {"text","families":[…]}), JSON;
                                       --policy: a company's lists over the defaults ({"staffNames":[…],…})`;

export interface ComplianceArgs extends GroupArgs {
  readonly policy?: string | undefined;
}

export function runCompliance(args: ComplianceArgs, io: CliIo): number | { usage: string } {
  if (args.command !== 'eval') return { usage: `unknown command 'compliance ${args.command}'` };
  if (args.operands.length !== 1) return { usage: 'compliance eval needs one FILE' };
  const file = args.operands[0]!;
  const text = readText(file, io);
  if (text === null) return 1;
  const lines = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    if (!raw.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      io.err(`zuoxi: ${file}:${i + 1}: not JSON`);
      return 1;
    }
    const line = LabelledLineSchema.safeParse(json);
    if (!line.success) {
      io.err(`zuoxi: ${file}:${i + 1}: not a {"text","rules"} or {"text","families"} line (${line.error.issues.map((x) => `${x.path.join('.') || 'line'}: ${x.message}`).join('; ')})`);
      return 1;
    }
    lines.push(line.data);
  }
  const { resourcesDir } = checkoutPaths(__dirname);
  let compliance = loadDefaultSettings(resourcesDir).compliance;
  if (args.policy) {
    const policyText = readText(args.policy, io);
    if (policyText === null) return 1;
    let policyJson: unknown;
    try {
      policyJson = JSON.parse(policyText);
    } catch {
      io.err(`zuoxi: ${args.policy}: not JSON`);
      return 1;
    }
    const own = ComplianceSettingsSchema.partial().safeParse(policyJson);
    if (!own.success) {
      io.err(`zuoxi: ${args.policy}: ${own.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      return 1;
    }
    compliance = { ...compliance, ...own.data };
  }
  const library = PhraseLibrarySchema.parse(JSON.parse(readFileSync(join(resourcesDir, 'phrases', 'zh-CN.json'), 'utf8')));
  const check = compileChecker({ ...compliance, forbidden: forbiddenOf(library) });
  io.out(JSON.stringify(evaluateCompliance(lines, check, compliance.sensitiveWords)));
  return 0;
}

/** A file's text, or null after saying why it cannot be read. */
function readText(path: string, io: CliIo): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    io.err(`zuoxi: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return null;
  }
}
