/**
 * The five seed articles (../shared/seeds) as stored Articles, plus a registry covering their
 * wards: test data for the feed writers and the web app that does not depend on the crawler.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Article } from '../../lib/article.ts';
import type { Registry, Ward } from '../../lib/registry/types.ts';
import { anArticle } from './articles.ts';

export { SEEDS_DIR } from '../fixtures/sites.ts';
import { SEEDS_DIR } from '../fixtures/sites.ts';

interface SeedSpec {
  file: string;
  wardId: string;
  ward: Omit<Ward, 'id' | 'status'>;
  url: string;
  title: string;
  category?: string;
  publishedAt: string;
  datePrecision: 'minute' | 'day';
  dateSource: Article['dateSource'];
  viewCount?: number;
}

const HANOI = 'Thành phố Hà Nội';

export const SEED_SPECS: SeedSpec[] = [
  {
    file: 'thanh-tri-2021-01-15.txt', wardId: 'thanh-tri-hoang-mai',
    ward: { name: 'Phường Thanh Trì', province: HANOI, legacyDistrict: 'Quận Hoàng Mai' },
    url: 'https://hoangmai.hanoi.gov.vn/phuong-thanh-tri/-/view_content/6050090-dang-uy-phuong-thanh-tri-hop-giao-ban-bi-thu-chi-bo-mo-rong-thang-01-2021.html',
    title: 'Đảng ủy phường Thanh Trì họp giao ban Bí thư chi bộ mở rộng tháng 01/2021',
    category: 'phường thanh trì', publishedAt: '2021-01-15T16:12:00+07:00', datePrecision: 'minute', dateSource: 'page', viewCount: 246,
  },
  {
    file: 'thuong-thanh-2021-09-29.txt', wardId: 'thuong-thanh-long-bien',
    ward: { name: 'Phường Thượng Thanh', province: HANOI, legacyDistrict: 'Quận Long Biên' },
    url: 'https://longbien.hanoi.gov.vn/hoat-dong-cac-phuong/-/view_content/1000001-thuong-thanh.html',
    title: 'Đồng chí Vũ Thị Thân – UVTV, Trưởng ban Tổ chức Quận ủy làm việc với Đảng ủy phường Thượng Thanh về kết quả công tác 9 tháng đầu năm 2021',
    category: 'Hoạt động các phường', publishedAt: '2021-09-29T22:22:00+07:00', datePrecision: 'minute', dateSource: 'page', viewCount: 267,
  },
  {
    file: 'duc-giang-2022-05-19.txt', wardId: 'duc-giang-long-bien',
    ward: { name: 'Phường Đức Giang', province: HANOI, legacyDistrict: 'Quận Long Biên' },
    url: 'https://longbien.hanoi.gov.vn/hoat-dong-cac-phuong/-/view_content/1000002-duc-giang.html',
    title: 'Đồng chí Trưởng ban Tổ chức Quận ủy dự sinh hoạt chuyên đề điểm tại chi bộ 19, đảng bộ phường Đức Giang',
    category: 'HOẠT ĐỘNG CÁC PHƯỜNG', publishedAt: '2022-05-19T09:00:00+07:00', datePrecision: 'minute', dateSource: 'page', viewCount: 999,
  },
  {
    file: 'khuong-thuong-2021-01-28.txt', wardId: 'khuong-thuong-dong-da',
    ward: { name: 'Phường Khương Thượng', province: HANOI, legacyDistrict: 'Quận Đống Đa' },
    url: 'https://khuongthuong.dongda.hanoi.gov.vn/vi_VN/chi-ao-ieu-hanh-cua-phuong/-/asset_publisher/dxE4E0Jb0lTe/content/ubnd-phuong-khuong-thuong-to-chuc-tong-ket-cong-tac-nam-2020-phuong-huong-nhiem-vu-nam-2021',
    title: 'UBND Phường Khương Thượng tổ chức tổng kết công tác năm 2020, phương hướng nhiệm vụ năm 2021',
    category: 'Chỉ đạo điều hành của Phường', publishedAt: '2021-01-28T16:03:00+07:00', datePrecision: 'minute', dateSource: 'page', viewCount: 1588,
  },
  {
    file: 'my-long-2023-11-23.txt', wardId: 'my-long-long-xuyen',
    ward: { name: 'Phường Mỹ Long', province: 'Tỉnh An Giang', legacyDistrict: 'Thành phố Long Xuyên' },
    url: 'https://mylong.longxuyen.angiang.gov.vn/my-long-hoi-nghi-ban-chap-dang-bo-phuong-thang-112023',
    title: 'MỸ LONG – HỘI NGHỊ BAN CHẤP ĐẢNG BỘ PHƯỜNG THÁNG 11/2023!',
    publishedAt: '2023-11-23T00:00:00+07:00', datePrecision: 'day', dateSource: 'body',
  },
];

/** Body paragraphs of a seed file: the blocks after the title and its meta line. */
export function seedParagraphs(file: string, title: string): string[] {
  const text = readFileSync(resolve(SEEDS_DIR, file), 'utf8').normalize('NFC');
  const lines = text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim());
  const at = lines.findIndex((l) => l === title);
  const after = lines.slice(at + 1).filter((l) => l !== '' && !/^Ngày đăng/.test(l));
  return after;
}

/** A seed as stored; overrides replace fields as they are (no derived field is recomputed). */
export function seedArticle(spec: SeedSpec, overrides: Partial<Article> = {}): Article {
  const article = anArticle({
    url: spec.url,
    wardIds: [spec.wardId],
    sourceId: `${spec.wardId}-news`,
    title: spec.title,
    publishedAt: spec.publishedAt,
    datePrecision: spec.datePrecision,
    dateSource: spec.dateSource,
    ...(spec.category ? { category: spec.category } : {}),
    ...(spec.viewCount !== undefined ? { viewCount: spec.viewCount } : {}),
    bodyText: seedParagraphs(spec.file, spec.title).join('\n\n'),
  });
  return { ...article, ...overrides };
}

export function seedArticles(): Article[] {
  return SEED_SPECS.map((s) => seedArticle(s));
}

/** A registry of the seed wards, one source each, plus a ward merged into Thanh Trì. */
export function seedRegistry(): Registry {
  const wards: Ward[] = SEED_SPECS.map((s) => ({ id: s.wardId, status: 'active', ...s.ward }));
  wards.push({ id: 'thinh-liet-hoang-mai', name: 'Phường Thịnh Liệt', province: HANOI, legacyDistrict: 'Quận Hoàng Mai', status: 'merged', mergedInto: 'thanh-tri-hoang-mai' });
  return {
    file: 'seed-registry (test)',
    wards,
    sources: SEED_SPECS.map((s) => ({ id: `${s.wardId}-news`, listUrls: [new URL('/', s.url).href], profile: 'auto', ward: s.wardId, verified: true })),
  };
}
