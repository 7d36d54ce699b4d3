/**
 * Words for synthetic companies and deals at bench volume (a million deals need more names than
 * the demo's hand-picked directory), in English and Arabic, so search, sorting and folding see the
 * mix of scripts a Gulf sales team really has. People's names are the demo's own.
 */
import { makePersonName, type NameStyle } from '../src/demo/names.js';
import { chance, pick, pickWeighted, type Random, randomInt } from '../src/demo/random.js';

const COMPANY_CORES = [
  'Northwind',
  'Globex',
  'Sahara',
  'Oasis',
  'Falcon',
  'Crescent',
  'Summit',
  'Horizon',
  'Pearl',
  'Cedar',
  'Atlas',
  'Delta',
  'Nakheel',
  'Najm',
  'Wadi',
  'Dune',
  'Mirage',
  'Beacon',
  'Harbor',
  'Orbit',
  'Zenith',
  'Granite',
  'Lumen',
  'Vertex',
  'Riyada',
  'Tamkeen',
  'Bayan',
  'Sanad',
  'Société Générale',
  'Bräu',
  'Nordic',
  'Meridian',
  'Citadel',
  'Aurora',
  'Keystone',
  'Juniper',
] as const;
const COMPANY_KINDS = [
  'Holdings',
  'Group',
  'Logistics',
  'Trading',
  'Systems',
  'Foods',
  'Health',
  'Energy',
  'Construction',
  'Retail',
  'Bank',
  'Telecom',
  'Consulting',
  'Industries',
  'Capital',
  'Labs',
] as const;
const ARABIC_COMPANY_PREFIXES = ['شركة', 'مؤسسة', 'مجموعة', 'مصنع'] as const;
const ARABIC_COMPANY_CORES = [
  'الأمل',
  'النور',
  'الرياض',
  'الخليج',
  'الصحراء',
  'الواحة',
  'الفجر',
  'المستقبل',
  'البيان',
  'السنابل',
  'الريادة',
  'النخيل',
  'القمة',
  'الإتقان',
  'التميّز',
  'الأفق',
] as const;
const ARABIC_COMPANY_KINDS = [
  'للتجارة',
  'للمقاولات',
  'القابضة',
  'للخدمات اللوجستية',
  'للأغذية',
  'للتقنية',
  'الطبية',
] as const;

export const SECTORS = [
  'Manufacturing',
  'Retail',
  'Finance',
  'Healthcare',
  'Logistics',
  'Energy',
  'Government',
  'Education',
  'Technology',
  'Hospitality',
] as const;
export const COMPANY_SIZES = ['1-10', '11-50', '51-200', '201-1000', '1000+'] as const;
export const COUNTRIES = [
  ['SA', 55],
  ['AE', 15],
  ['EG', 8],
  ['QA', 5],
  ['KW', 4],
  ['US', 6],
  ['GB', 4],
  ['DE', 3],
] as const;

const DEAL_TOPICS = [
  'CRM rollout',
  'Annual licenses',
  'Renewal',
  'Pilot',
  'Data migration',
  'Support plan',
  'Training package',
  'Analytics add-on',
  'Expansion',
  'Integration project',
  'Fleet tracking',
  'Warehouse system',
  'Payroll module',
  'Cloud hosting',
  'Security audit',
] as const;
const ARABIC_DEAL_TOPICS = [
  'تجديد الاشتراك',
  'مشروع تكامل',
  'تراخيص سنوية',
  'باقة تدريب',
  'تجربة أولية',
  'ترحيل البيانات',
  'خطة الدعم الفني',
  'توسعة النظام',
] as const;

export const DEAL_SOURCES = [
  ['Website', 30],
  ['Referral', 20],
  ['Outbound', 20],
  ['Event', 10],
  ['Partner', 8],
  ['LinkedIn', 7],
  [null, 5],
] as const;

export const JOB_TITLES = [
  'CEO',
  'CFO',
  'Head of Sales',
  'IT Manager',
  'Procurement Manager',
  'Operations Director',
  'المدير التنفيذي',
  'مدير المشتريات',
  'مدير تقنية المعلومات',
] as const;

const NAME_STYLES: readonly (readonly [NameStyle, number])[] = [
  ['arabic', 3],
  ['arab-latin', 4],
  ['international', 3],
];

/** A person's name as the demo makes them: Arabic script, Arab names in Latin, or international. */
export function personName(random: Random): string {
  return makePersonName(random, pickWeighted(random, NAME_STYLES)).name;
}

export function companyName(random: Random): string {
  if (chance(random, 0.35)) {
    return `${pick(random, ARABIC_COMPANY_PREFIXES)} ${pick(random, ARABIC_COMPANY_CORES)} ${pick(random, ARABIC_COMPANY_KINDS)}`;
  }
  return `${pick(random, COMPANY_CORES)} ${pick(random, COMPANY_KINDS)}`;
}

/** A web domain for a company whose name is Latin; Arabic names get none, as often in real data. */
export function companyDomain(name: string, country: string): string | null {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
  if (slug.length < 3) return null;
  return `${slug}.${country === 'US' ? 'com' : country.toLowerCase()}`;
}

export function dealTitle(random: Random, company: string | null): string {
  const isArabic = chance(random, 0.25);
  const topic = isArabic ? pick(random, ARABIC_DEAL_TOPICS) : pick(random, DEAL_TOPICS);
  const seats = chance(random, 0.4) ? randomInt(random, 1, 40) * 5 : null;
  const suffix = seats === null ? '' : isArabic ? ` (${seats} مستخدم)` : ` (${seats} seats)`;
  return company ? `${company} — ${topic}${suffix}` : `${topic}${suffix}`;
}
