import { angiangDrupal } from './angiang-drupal.ts';
import { danangPortal } from './danang-portal.ts';
import { hanoiWard2025 } from './hanoi-ward-2025.ts';
import { liferayAssetPublisher } from './liferay-asset-publisher.ts';
import { liferayDistrict } from './liferay-district.ts';
import { liferayPortal } from './liferay-portal.ts';
import { nukeviet } from './nukeviet.ts';
import type { Profile } from './profile.ts';
import { quangngai2025 } from './quangngai-2025.ts';
import { sharepoint } from './sharepoint.ts';
import { slugIdPortal } from './slug-id-portal.ts';
import { tuyenquangPortal } from './tuyenquang-portal.ts';
import { wordpress } from './wordpress.ts';

/** Every CMS family, in detection tie-break order. A new family is one file plus one line here. */
export const FAMILIES: Profile[] = [
  liferayPortal, // before liferay-asset-publisher: its variant addresses are asset-publisher addresses too
  liferayDistrict, liferayAssetPublisher, angiangDrupal, danangPortal, sharepoint, hanoiWard2025,
  nukeviet,
  slugIdPortal,
  wordpress,
  tuyenquangPortal,
  quangngai2025,
];
