/** The product catalog CSV (ENDPOINTS.md §15: 22 snake_case columns): this vendor's apps and others'. */
import { hashInts, uuidFrom } from './random';
import type { World } from './world';
import { hostingCatalogValues } from './vocabulary';

export const catalogColumns = [
  'is_beta', 'summary', 'tag_line', 'is_connect', 'product_id', 'released_at', 'vendor_name', 'is_supported', 'review_score', 'average_stars', 'download_count',
  'version_number', 'version_status', 'publicly_visible', 'number_of_reviews', 'category_name_list', 'marketplace_app_key', 'app_software_hosting',
  'marketplace_app_name', 'parent_software_list', 'supported_payment_model', 'is_auto_update_strategy_available',
] as const;

export function catalogRows(world: World): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  const others = 40;
  for (let p = 0; p < world.apps.length + others; p++) {
    const own = world.apps[p];
    const h = hashInts(world.seed, 300, p);
    const key = own ? own.addonKey : `com.othervendor${p % 9}.app-${p}`;
    const name = own ? own.name : `Other App ${p}`;
    for (const hosting of own ? own.hostings : [h % 3]) {
      for (let v = 0; v < 3; v++) {
        rows.push({
          is_beta: v === 2 && h % 5 === 0,
          summary: `${name}: does one thing well, and "another" thing too`,
          tag_line: `The ${name.toLowerCase()}, for teams, large and small`,
          is_connect: hosting === 0 && h % 2 === 0,
          product_id: own ? own.productId : uuidFrom(world.seed, 301, p),
          released_at: `20${22 + v}-0${1 + (h % 9)}-1${v}`,
          vendor_name: own ? 'Sim Vendor' : `Vendor ${p % 9}`,
          is_supported: true,
          review_score: (h % 400) / 100 + 1,
          average_stars: ((h >>> 4) % 40) / 10 + 1,
          download_count: (h >>> 8) % 100000,
          version_number: `${1 + v}.${h % 10}.0`,
          version_status: v === 0 ? 'approved' : 'uninitiated',
          publicly_visible: true,
          number_of_reviews: (h >>> 12) % 500,
          category_name_list: 'Project management,Utilities',
          marketplace_app_key: key,
          app_software_hosting: hostingCatalogValues[hosting],
          marketplace_app_name: name,
          parent_software_list: 'Jira\nConfluence',
          supported_payment_model: ['paid_via_atlassian', 'free', 'paid_via_vendor'][h % 3],
          is_auto_update_strategy_available: hosting === 0,
        });
      }
    }
  }
  return rows;
}
