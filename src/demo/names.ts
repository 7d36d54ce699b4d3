/**
 * People for the demo: Gulf names written in Arabic (with the Latin spelling their email uses),
 * Arab names written in Latin letters, and international names, as a Gulf sales team meets them.
 */
import { type Random, pick } from './random.js';

export type Gender = 'm' | 'f';
export type Script = 'ar' | 'en';
export type NameStyle = 'arabic' | 'arab-latin' | 'international';

const ARABIC_FIRST_NAMES: readonly (readonly [string, string, Gender])[] = [
  ['محمد', 'Mohammed', 'm'],
  ['عبدالله', 'Abdullah', 'm'],
  ['خالد', 'Khalid', 'm'],
  ['فهد', 'Fahad', 'm'],
  ['سلطان', 'Sultan', 'm'],
  ['عبدالرحمن', 'Abdulrahman', 'm'],
  ['ماجد', 'Majed', 'm'],
  ['تركي', 'Turki', 'm'],
  ['يوسف', 'Yousef', 'm'],
  ['عمر', 'Omar', 'm'],
  ['سعود', 'Saud', 'm'],
  ['ناصر', 'Nasser', 'm'],
  ['أحمد', 'Ahmed', 'm'],
  ['فيصل', 'Faisal', 'm'],
  ['راشد', 'Rashid', 'm'],
  ['نورة', 'Noura', 'f'],
  ['ريم', 'Reem', 'f'],
  ['سارة', 'Sara', 'f'],
  ['هيفاء', 'Haifa', 'f'],
  ['لمى', 'Lama', 'f'],
  ['منيرة', 'Munira', 'f'],
  ['جواهر', 'Jawaher', 'f'],
  ['أمل', 'Amal', 'f'],
  ['دانة', 'Dana', 'f'],
  ['هند', 'Hind', 'f'],
  ['فاطمة', 'Fatima', 'f'],
  ['مريم', 'Maryam', 'f'],
];

const ARABIC_FAMILY_NAMES: readonly (readonly [string, string])[] = [
  ['العتيبي', 'Al-Otaibi'],
  ['الشمري', 'Al-Shammari'],
  ['القحطاني', 'Al-Qahtani'],
  ['الغامدي', 'Al-Ghamdi'],
  ['الزهراني', 'Al-Zahrani'],
  ['الدوسري', 'Al-Dosari'],
  ['الحربي', 'Al-Harbi'],
  ['المطيري', 'Al-Mutairi'],
  ['السبيعي', 'Al-Subaie'],
  ['العنزي', 'Al-Anazi'],
  ['الكعبي', 'Al-Kaabi'],
  ['المهيري', 'Al-Muhairi'],
  ['النعيمي', 'Al-Nuaimi'],
  ['الهاشمي', 'Al-Hashemi'],
  ['الأنصاري', 'Al-Ansari'],
  ['المنصوري', 'Al-Mansouri'],
  ['البلوشي', 'Al-Balushi'],
  ['حداد', 'Haddad'],
  ['منصور', 'Mansour'],
  ['خوري', 'Khoury'],
  ['صالح', 'Saleh'],
];

const INTERNATIONAL_FIRST_NAMES: readonly (readonly [string, Gender])[] = [
  ['Sarah', 'f'],
  ['James', 'm'],
  ['Emma', 'f'],
  ['Lukas', 'm'],
  ['Sophie', 'f'],
  ['Daniel', 'm'],
  ['Hannah', 'f'],
  ['Ryan', 'm'],
  ['Priya', 'f'],
  ['Mehmet', 'm'],
  ['Anna', 'f'],
  ['Erik', 'm'],
  ['Olivia', 'f'],
  ['Thomas', 'm'],
  ['Chloé', 'f'],
  ['David', 'm'],
  ['María', 'f'],
  ['Jan', 'm'],
];

const INTERNATIONAL_FAMILY_NAMES = [
  'Mitchell',
  'Carter',
  'Larsson',
  'Müller',
  'Dubois',
  'Novak',
  'Weber',
  "O'Connor",
  'Sharma',
  'Yılmaz',
  'Rossi',
  'Johansson',
  'Brown',
  'Schneider',
  'Martin',
  'Kim',
  'García',
  'de Vries',
] as const;

export interface DemoPersonName {
  /** The name as the CRM shows it. */
  name: string;
  /** Its Latin spelling, for the email address. */
  latin: string;
  gender: Gender;
  script: Script;
}

export function makePersonName(random: Random, style: NameStyle): DemoPersonName {
  if (style === 'international') {
    const [first, gender] = pick(random, INTERNATIONAL_FIRST_NAMES);
    const family = pick(random, INTERNATIONAL_FAMILY_NAMES);
    return { name: `${first} ${family}`, latin: `${first} ${family}`, gender, script: 'en' };
  }
  const [firstAr, firstEn, gender] = pick(random, ARABIC_FIRST_NAMES);
  const [familyAr, familyEn] = pick(random, ARABIC_FAMILY_NAMES);
  const latin = `${firstEn} ${familyEn}`;
  return style === 'arabic'
    ? { name: `${firstAr} ${familyAr}`, latin, gender, script: 'ar' }
    : { name: latin, latin, gender, script: 'en' };
}

/**
 * The local part of an email address from a Latin name: accents and punctuation dropped.
 * @example emailLocalPart('Faisal Al-Qahtani') === 'faisal.alqahtani'
 * @example emailLocalPart("Ryan O'Connor") === 'ryan.oconnor'; emailLocalPart('Jan de Vries') === 'jan.devries'
 */
export function emailLocalPart(latinName: string): string {
  const [first = '', ...rest] = latinName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .split(/\s+/);
  const clean = (part: string) => part.replace(/[^a-z0-9]/g, '');
  return [clean(first), clean(rest.join(''))].filter(Boolean).join('.');
}
