/**
 * The life of one licence, as a pure function of (seed, licence index, its fixed attributes).
 * Every other data set (transactions, churn/conversion/renewal events, feedback, attribution,
 * every aggregate) is derived from these lives, which is what keeps totals in agreement.
 * The clock only decides how much of each life is visible.
 */
import { addMonths } from './dates';
import { Random } from './random';

export const LicenceKind = { evaluation: 0, direct: 1, freeType: 2, starter: 3 } as const;
export const StepKind = { evalStart: 0, lapse: 1, sale: 2, refund: 3, cancel: 4, starterStart: 5 } as const;
/** Index into vocabulary `saleTypes`. */
export const Sale = { new: 0, renewal: 1, upgrade: 2, refund: 3 } as const;

export interface Step {
  readonly day: number;
  readonly kind: number;
  readonly saleType: number;
  readonly tier: number;
  readonly oldTier: number;
  readonly billing: number;
  readonly oldBilling: number;
  readonly periodEnd: number;
  readonly convert: boolean;
  readonly refDay: number;
}

export interface PlanInput {
  readonly seed: number;
  readonly index: number;
  readonly kind: number;
  readonly hosting: number;
  readonly startDay: number;
}

const Monthly = 0;
const Annual = 1;
const evaluationDays = 30;
/** Lives are planned this far ahead; far beyond any clock advance a test or demo makes. */
const horizonDays = 20 * 365;

/** Tier weights per hosting (indexes into vocabulary `tiers`; 0 is Evaluation). */
const tierWeights: readonly (readonly number[])[] = [
  [0, 30, 22, 16, 12, 8, 5, 4, 2, 1, 0, 0],
  [0, 0, 0, 10, 14, 16, 16, 14, 12, 8, 6, 4],
  [0, 10, 14, 14, 14, 12, 10, 8, 6, 4, 2, 6],
];

function step(day: number, kind: number, extra: Partial<Step> = {}): Step {
  return { day, kind, saleType: -1, tier: 0, oldTier: 0, billing: Annual, oldBilling: Annual, periodEnd: -1, convert: false, refDay: -1, ...extra };
}

export function planLicence(input: PlanInput): Step[] {
  const rng = new Random(input.seed, 2, input.index);
  const steps: Step[] = [];
  const start = input.startDay;
  const cloud = input.hosting === 0;
  if (input.kind === LicenceKind.starter) {
    steps.push(step(start, StepKind.starterStart, { tier: 1 }));
    if (rng.chance(0.4)) steps.push(step(start + rng.int(20, 900), StepKind.cancel));
    return steps;
  }
  let purchaseDay = start;
  let convert = false;
  if (input.kind === LicenceKind.evaluation) {
    steps.push(step(start, StepKind.evalStart));
    const conversion = cloud ? 0.32 : input.hosting === 1 ? 0.26 : 0.2;
    if (!rng.chance(conversion)) {
      steps.push(step(start + evaluationDays, StepKind.lapse));
      return steps;
    }
    purchaseDay = start + rng.int(4, evaluationDays + 3);
    convert = true;
  }
  const free = input.kind === LicenceKind.freeType;
  let billing = cloud && !free && rng.chance(0.6) ? Monthly : Annual;
  let oldBilling = billing;
  let tier = rng.weighted(tierWeights[input.hosting]!);
  let oldTier = convert ? 0 : tier;
  let saleType: number = Sale.new;
  let periodStart = purchaseDay;
  while (periodStart < start + horizonDays) {
    const periodEnd = addMonths(periodStart, billing === Monthly ? 1 : 12);
    steps.push(step(periodStart, StepKind.sale, { saleType, tier, oldTier, billing, oldBilling, periodEnd, convert }));
    if (!free && rng.chance(0.015)) {
      const refundDay = periodStart + rng.int(1, 14);
      steps.push(step(refundDay, StepKind.refund, { saleType: Sale.refund, tier, oldTier: tier, billing, oldBilling: billing, periodEnd, refDay: periodStart }));
      steps.push(step(refundDay, StepKind.cancel));
      break;
    }
    const churn = free ? 0.3 : billing === Monthly ? 0.05 : cloud ? 0.16 : 0.2;
    if (rng.chance(churn)) {
      steps.push(step(periodEnd, StepKind.cancel));
      break;
    }
    oldTier = tier;
    oldBilling = billing;
    saleType = Sale.renewal;
    if (rng.chance(0.06) && tier < 10 && !free) {
      tier++;
      saleType = Sale.upgrade;
    }
    if (billing === Monthly && rng.chance(0.03)) billing = Annual;
    periodStart = periodEnd;
    convert = false;
  }
  return steps;
}
