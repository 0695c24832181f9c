import { describe, expect, it, vi } from 'vitest';
import { commandArgs } from '../../lib/cli/args.ts';

describe('commandArgs', () => {
  it('gives the parsed values and positionals', () => {
    const r = commandArgs('crawl', 'usage: x', ['--ward', 'a', '--ward', 'b', '--strict'], { ward: { type: 'string', multiple: true }, strict: { type: 'boolean' } });
    expect(typeof r).toBe('object');
    if (typeof r === 'number') return;
    expect(r.values.ward).toEqual(['a', 'b']);
    expect(r.values.strict).toBe(true);
  });

  it('prints the usage on --help and asks for exit 0; on a wrong option prints why and asks for exit 2', () => {
    const out = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(commandArgs('status', 'usage: wardfeed status', ['-h'], {})).toBe(0);
      expect(out).toHaveBeenCalledWith('usage: wardfeed status');
      expect(commandArgs('status', 'usage: wardfeed status', ['--bogus'], {})).toBe(2);
      expect(String(err.mock.calls[0][0])).toMatch(/^wardfeed status: .*--bogus[\s\S]*usage: wardfeed status$/);
      // Positionals only where the command takes them.
      expect(commandArgs('crawl', 'u', ['stray'], {})).toBe(2);
      const withFile = commandArgs('import', 'u', ['file.ndjson'], {}, true);
      expect(typeof withFile === 'object' && withFile.positionals).toEqual(['file.ndjson']);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  });
});
