import type { Bilingual, ExportLanguage } from './sheet.js';

/** Words of exported spreadsheets that are the same for every list, in both languages. */
export const COMMON_HEADERS = {
  owner: { en: 'Owner', ar: 'المسؤول' },
  company: { en: 'Company', ar: 'الشركة' },
  createdAt: { en: 'Created at', ar: 'تاريخ الإنشاء' },
  updatedAt: { en: 'Updated at', ar: 'تاريخ التحديث' },
  id: { en: 'ID', ar: 'المعرّف' },
} as const satisfies Record<string, Bilingual>;

/** Names of the lists, for sheet names and file names. */
export const RESOURCE_NAMES = {
  deals: { en: 'Deals', ar: 'الصفقات' },
  companies: { en: 'Companies', ar: 'الشركات' },
  contacts: { en: 'Contacts', ar: 'جهات الاتصال' },
  activities: { en: 'Activities', ar: 'الأنشطة' },
} as const satisfies Record<string, Bilingual>;

const VALUE_LABELS: Record<string, Record<string, Bilingual>> = {
  status: {
    open: { en: 'Open', ar: 'مفتوحة' },
    won: { en: 'Won', ar: 'رابحة' },
    lost: { en: 'Lost', ar: 'خاسرة' },
  },
  amountSource: {
    estimate: { en: 'Estimate', ar: 'تقديرية' },
    quoted: { en: 'Quoted', ar: 'عرض سعر' },
    signed: { en: 'Signed', ar: 'موقّعة' },
  },
  contactRole: {
    decision_maker: { en: 'Decision maker', ar: 'صاحب القرار' },
    influencer: { en: 'Influencer', ar: 'مؤثّر' },
    champion: { en: 'Champion', ar: 'داعم' },
    user: { en: 'User', ar: 'مستخدم' },
    other: { en: 'Other', ar: 'أخرى' },
  },
  activityKind: {
    call: { en: 'Call', ar: 'مكالمة' },
    email: { en: 'Email', ar: 'بريد إلكتروني' },
    meeting: { en: 'Meeting', ar: 'اجتماع' },
    task: { en: 'Task', ar: 'مهمة' },
    note: { en: 'Note', ar: 'ملاحظة' },
  },
  yesNo: {
    yes: { en: 'Yes', ar: 'نعم' },
    no: { en: 'No', ar: 'لا' },
  },
};

/** The label of a stored value (a status, a kind…); an unknown value is shown as stored. */
export function labelOf(
  set: 'status' | 'amountSource' | 'contactRole' | 'activityKind' | 'yesNo',
  value: string,
  lang: ExportLanguage,
): string {
  return VALUE_LABELS[set]?.[value]?.[lang] ?? value;
}

/** A record with a name in each language, in the export's language (English when empty). */
export function nameIn(
  named: { name_en: string; name_ar: string } | undefined,
  lang: ExportLanguage,
): string | null {
  if (!named) return null;
  return lang === 'ar' && named.name_ar !== '' ? named.name_ar : named.name_en;
}
