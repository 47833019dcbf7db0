import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Markdown } from '../../renderer/src/features/kb/Markdown';
import { Marked } from '../../renderer/src/features/kb/Marked';
import { highlight } from '../../shared/kb-snippet';

describe('article rendering is safe', () => {
  it('renders Markdown structure, but raw HTML stays text, remote images are not loaded and only http(s) links are live', () => {
    const md = [
      '# 重置密码',
      '',
      '1. 打开**登录页**',
      '2. 点 `忘记密码`',
      '',
      '<script>window.__pwned = 1</script><img src="http://evil.example/x.png" onerror="window.__pwned = 2">',
      '',
      '![截图](http://evil.example/shot.png) 详见[官网](https://www.example.com/help) 或 [这里](javascript:alert(1))',
    ].join('\n');
    const { container } = render(<Markdown text={md} />);
    expect(screen.getByRole('heading', { name: '重置密码' })).toBeInTheDocument();
    expect(container.querySelectorAll('ol > li')).toHaveLength(2);
    expect(container.querySelector('strong')).toHaveTextContent('登录页');
    expect(container.querySelector('script, img, iframe')).toBeNull();
    expect(container).toHaveTextContent('<script>window.__pwned = 1</script>');
    expect(container).toHaveTextContent('[截图]');
    const links = [...container.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://www.example.com/help']);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('shows highlighted snippets as text with <mark>, whatever the article contains', () => {
    const html = highlight('<b>退款</b> & "退款" 三天到账', ['退款']);
    const { container } = render(<Marked html={html} />);
    expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['退款', '退款']);
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toBe('<b>退款</b> & "退款" 三天到账');
  });

  it('marks every occurrence, case-insensitively, past characters outside the BMP, around the densest part', () => {
    expect(highlight('😀退款 ATM 🏧 atm 退款', ['退款', 'atm'])).toBe('😀<mark>退款</mark> <mark>ATM</mark> 🏧 <mark>atm</mark> <mark>退款</mark>');
    expect(highlight('退退款款', ['退款'])).toBe('退<mark>退款</mark>款');
    const long = `${'无关内容'.repeat(40)}如何申请退款${'其他说明'.repeat(40)}`;
    expect(highlight(long, ['退款', '申请'], 20)).toBe('…无关内容无关内容如何<mark>申请退款</mark>其他说明其他…');
  });
});
