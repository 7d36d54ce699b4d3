/** Email addresses and mobile numbers for the demo's contacts, in each country's format. */
import { type Random, pick, randomInt } from './random.js';

interface PhonePlan {
  countryCode: string;
  /** Mobile prefixes after the country code (Saudi 5x, Emirati 5x …). */
  prefixes: readonly string[];
  /** Digits after the prefix. */
  digits: number;
}

const PHONE_PLANS: Record<string, PhonePlan> = {
  SA: { countryCode: '966', prefixes: ['50', '53', '54', '55', '56', '58', '59'], digits: 7 },
  AE: { countryCode: '971', prefixes: ['50', '52', '54', '55', '56', '58'], digits: 7 },
  QA: { countryCode: '974', prefixes: ['33', '55', '66', '77'], digits: 6 },
  KW: { countryCode: '965', prefixes: ['5', '6', '9'], digits: 7 },
  BH: { countryCode: '973', prefixes: ['33', '36', '39'], digits: 6 },
  OM: { countryCode: '968', prefixes: ['9'], digits: 7 },
  EG: { countryCode: '20', prefixes: ['10', '11', '12', '15'], digits: 8 },
  JO: { countryCode: '962', prefixes: ['77', '78', '79'], digits: 7 },
  MA: { countryCode: '212', prefixes: ['6'], digits: 8 },
  GB: { countryCode: '44', prefixes: ['7'], digits: 9 },
  DE: { countryCode: '49', prefixes: ['151', '160', '170'], digits: 8 },
  FR: { countryCode: '33', prefixes: ['6'], digits: 8 },
  SE: { countryCode: '46', prefixes: ['70', '72', '73'], digits: 7 },
  NL: { countryCode: '31', prefixes: ['6'], digits: 8 },
  CH: { countryCode: '41', prefixes: ['76', '78', '79'], digits: 7 },
  TR: { countryCode: '90', prefixes: ['5'], digits: 9 },
  IN: { countryCode: '91', prefixes: ['9'], digits: 9 },
  SG: { countryCode: '65', prefixes: ['8', '9'], digits: 7 },
  US: { countryCode: '1', prefixes: ['212', '415', '617'], digits: 7 },
  CA: { countryCode: '1', prefixes: ['416', '604'], digits: 7 },
};

/**
 * A mobile number of the country as a person types it, e.g. `+966 55 1234567`.
 * Countries without a plan get a UAE number: the team's own region.
 */
export function demoMobileNumber(random: Random, country: string): string {
  const plan = PHONE_PLANS[country] ?? PHONE_PLANS.AE;
  if (!plan) throw new RangeError('No phone plan');
  const prefix = pick(random, plan.prefixes);
  let subscriber = String(randomInt(random, 1, 9));
  while (subscriber.length < plan.digits) subscriber += String(randomInt(random, 0, 9));
  return `+${plan.countryCode} ${prefix} ${subscriber}`;
}
