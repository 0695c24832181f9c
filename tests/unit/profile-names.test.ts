import { describe, expect, it } from 'vitest';
import { PROFILE_NAMES } from '../../lib/sites/names.ts';
import { PROFILES } from '../../lib/sites/index.ts';
import { parseRegistry } from '../../lib/registry/index.ts';

describe('profile names', () => {
  it('the plain list the registry checks against names exactly the profiles that exist', () => {
    expect([...PROFILE_NAMES]).toEqual(Object.keys(PROFILES));
  });

  it('a registry naming an unknown profile is refused by default', () => {
    const data = {
      wards: [{ id: 'a-b', name: 'Phường A', province: 'Tỉnh B', status: 'active' }],
      sources: [{ id: 's', listUrls: ['https://a.example.vn/tin-tuc'], profile: 'joomla', ward: 'a-b', verified: true }],
    };
    expect(() => parseRegistry(data, 'r.json')).toThrow(/sources\[0\].*profile.*unknown profile "joomla"/);
  });
});
