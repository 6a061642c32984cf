import { describe, expect, it } from 'vitest';
import { createAppUrlCheck } from '../../src/main/security/trusted-origin';
import { defaultDataDir } from '../../src/main/paths';

describe('app URL check', () => {
  const check = createAppUrlCheck({ rendererDir: '/opt/mpdesk/out/renderer' });
  it('accepts the built renderer and nothing else', () => {
    expect(check('file:///opt/mpdesk/out/renderer/index.html')).toBe(true);
    expect(check('file:///opt/mpdesk/out/renderer/index.html#/grid/licences')).toBe(true);
    expect(check('file:///opt/mpdesk/out/rendererX/index.html')).toBe(false);
    expect(check('file:///etc/passwd')).toBe(false);
    expect(check('https://evil.example/')).toBe(false);
    expect(check('http://localhost:5173/')).toBe(false);
    expect(check('not a url')).toBe(false);
  });
  it('accepts the dev server origin only when one is configured', () => {
    const dev = createAppUrlCheck({ rendererDir: '/x', devServerUrl: 'http://localhost:5173' });
    expect(dev('http://localhost:5173/index.html')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
  });
});

describe('data directory', () => {
  it('follows each OS convention and honours MPDESK_DATA_DIR', () => {
    expect(defaultDataDir({ MPDESK_DATA_DIR: '/data/x' }, 'linux')).toBe('/data/x');
    expect(defaultDataDir({ XDG_DATA_HOME: '/xdg' }, 'linux')).toBe('/xdg/marketplace-desk');
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/Marketplace Desk$/);
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toContain('Marketplace Desk');
  });
});
