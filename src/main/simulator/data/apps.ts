import { hashInts, hashUnit, uuidFrom } from './random';
import { appNameWords } from './vocabulary';

export interface SimApp {
  readonly index: number;
  readonly addonKey: string;
  readonly productId: string;
  readonly name: string;
  /** Hosting indexes (0 Cloud, 1 Data Center, 2 Server) the app is sold for. */
  readonly hostings: readonly number[];
  /** Index into vocabulary `parentProducts`. */
  readonly parentProduct: number;
  /** USD per seat and month at list price. */
  readonly seatPrice: number;
  /** Share of the vendor's licences; the first apps are the big sellers. */
  readonly weight: number;
  /** The app's products are free for small teams (free starter tier). */
  readonly freeStarterTier: boolean;
}

const parentKeys = ['jira', 'confluence', 'jsm', 'bitbucket'];

/** The vendor's apps: several products over Cloud, Data Center and Server. */
export function generateApps(seed: number, count: number): SimApp[] {
  const apps: SimApp[] = [];
  for (let i = 0; i < count; i++) {
    const word = appNameWords[(hashInts(seed, 31, i) + i) % appNameWords.length]!;
    const parentProduct = i % 4 === 1 ? 1 : i % 7 === 3 ? 2 : i % 11 === 5 ? 3 : 0;
    const name = count > appNameWords.length / 2 ? `${word} ${i + 1}` : `${word} for ${['Jira', 'Confluence', 'JSM', 'Bitbucket'][parentProduct]}`;
    const slug = word.toLowerCase().replace(/[^a-z]+/g, '-');
    // Mix of footprints: every third app is Cloud only (newer apps), the rest span all three.
    const hostings = i % 3 === 2 ? [0] : [0, 1, 2];
    apps.push({
      index: i,
      addonKey: `com.simvendor.${parentKeys[parentProduct]}.${slug}${count > 10 ? `-${i + 1}` : ''}`,
      productId: uuidFrom(seed, 32, i),
      name,
      hostings,
      parentProduct,
      seatPrice: Math.round((0.5 + hashUnit(seed, 33, i) * 4) * 100) / 100,
      weight: 1 / (1 + i * 0.6),
      freeStarterTier: i % 2 === 0,
    });
  }
  return apps;
}
