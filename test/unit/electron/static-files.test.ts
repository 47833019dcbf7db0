import { describe, expect, it } from 'vitest';
import { resolveStaticPath, staticContentType } from '../../../electron/services/static-files';

describe('static files', () => {
  it('maps asset paths inside the root and app routes to index.html', () => {
    expect(resolveStaticPath('/srv/app', '/assets/index-1.js')).toBe('/srv/app/assets/index-1.js');
    expect(resolveStaticPath('/srv/app', '/')).toBe('/srv/app/index.html');
    expect(resolveStaticPath('/srv/app', '/visits')).toBe('/srv/app/index.html');
  });

  it.each(['/../etc/passwd.txt', '/%2e%2e/%2e%2e/etc/shadow.txt', '/assets/..%2f..%2f..%2fsecret.db', '/a%00.js', '/%E0%A4%A.js'])(
    'refuses %s',
    (path) => {
      expect(resolveStaticPath('/srv/app', path)).toBeNull();
    },
  );

  it('names content types, with a safe default', () => {
    expect(staticContentType('x/index.html')).toMatch(/^text\/html/);
    expect(staticContentType('x/a.JS')).toMatch(/^text\/javascript/);
    expect(staticContentType('x/blob.bin')).toBe('application/octet-stream');
  });
});
