/**
 * The compliance checker on a 500-character reply (target < 1 ms), against a baseline measured in
 * the same run: one `String#includes` scan per forbidden phrase of the library (the least a checker
 * could do). `npm run bench` writes both to bench/results/bench.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { compileChecker } from '../../shared/compliance';
import { forbiddenOf, PhraseLibrarySchema } from '../../shared/phrases';

const library = PhraseLibrarySchema.parse(JSON.parse(readFileSync(join(__dirname, '../../resources/phrases/zh-CN.json'), 'utf8')));
const forbidden = forbiddenOf(library);
const check = compileChecker({ forbidden, officialHosts: ['example.com'], staffNames: ['王小明', '李娜'], internalPatterns: ['\\bTK-\\d{5,}\\b'], unreleased: ['双十二会员日'] });
// a long reply with a link, a staff number and a rhetorical question in it, cut to 500 characters
const reply = Array.from('您好，关于您反映的宽带断网问题，我们已经为您提交了报修工单，维修人员会在24小时内与您联系。请您保持电话畅通。详细说明请看 https://www.example.com/help/broadband ，如有疑问可随时来电。我的工号是1001。难道您不会重启光猫吗？请问还有什么可以帮助您？')
  .join('')
  .repeat(6)
  .slice(0, 500);

describe('compliance check, 500-character reply', () => {
  bench('baseline: includes() per forbidden phrase', () => {
    let n = 0;
    for (const f of forbidden) if (reply.includes(f.text)) n++;
    if (n < 0) throw new Error('unreachable');
  });
  bench('compliance checker (every rule)', () => {
    if (check(reply, { agentId: '1001' }).length === 0) throw new Error('the reply has findings');
  });
});
