/**
 * Job titles of the demo's contacts by buying role, in English and in Arabic (masculine and
 * feminine forms, as Arabic titles agree with the person).
 */
import type { ContactRole } from '../services/records/contact.service.js';
import type { Gender, Script } from './names.js';
import { type Random, pick, pickWeighted } from './random.js';

type Title = readonly [arabicMasculine: string, arabicFeminine: string, english: string];

const TITLES_BY_ROLE: Record<ContactRole, readonly Title[]> = {
  decision_maker: [
    ['الرئيس التنفيذي', 'الرئيسة التنفيذية', 'Chief Executive Officer'],
    ['المدير العام', 'المديرة العامة', 'General Manager'],
    ['المدير المالي', 'المديرة المالية', 'Chief Financial Officer'],
    ['مدير المشتريات', 'مديرة المشتريات', 'Head of Procurement'],
  ],
  champion: [
    ['مدير العمليات', 'مديرة العمليات', 'Operations Manager'],
    ['مدير المبيعات', 'مديرة المبيعات', 'Sales Director'],
    ['مدير التحول الرقمي', 'مديرة التحول الرقمي', 'Head of Digital Transformation'],
  ],
  influencer: [
    ['مدير تقنية المعلومات', 'مديرة تقنية المعلومات', 'IT Manager'],
    ['مستشار قانوني', 'مستشارة قانونية', 'Legal Counsel'],
    ['مدير المشاريع', 'مديرة المشاريع', 'Project Manager'],
  ],
  user: [
    ['محلل بيانات', 'محللة بيانات', 'Data Analyst'],
    ['أخصائي مشتريات', 'أخصائية مشتريات', 'Procurement Specialist'],
    ['مشرف المستودع', 'مشرفة المستودع', 'Warehouse Supervisor'],
  ],
  other: [
    ['مساعد تنفيذي', 'مساعدة تنفيذية', 'Executive Assistant'],
    ['منسق إداري', 'منسقة إدارية', 'Office Coordinator'],
  ],
};

/** Roles of a company's second and later contacts; the first is always its decision maker. */
const OTHER_ROLES: readonly (readonly [ContactRole, number])[] = [
  ['champion', 3],
  ['influencer', 3],
  ['user', 2.5],
  ['other', 1.5],
  ['decision_maker', 1],
];

export function pickContactRole(random: Random, isFirstOfCompany: boolean): ContactRole {
  return isFirstOfCompany ? 'decision_maker' : pickWeighted(random, OTHER_ROLES);
}

export function pickJobTitle(
  random: Random,
  role: ContactRole,
  gender: Gender,
  script: Script,
): string {
  const [masculine, feminine, english] = pick(random, TITLES_BY_ROLE[role]);
  if (script === 'en') return english;
  return gender === 'f' ? feminine : masculine;
}
