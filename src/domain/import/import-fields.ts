import { nameMatchKey } from './match-key.js';

/** What an import can bring in; a mapping file can name several, imported in order. */
export const IMPORT_KINDS = [
  'companies',
  'contacts',
  'deals',
  'activities',
  'users',
  'products',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * The fields of each kind, each with the header names (English and Arabic) it is guessed
 * from. Headers are compared folded: case, accents, Arabic letter forms, punctuation and `_`
 * do not matter ("Close_Date" = "close date"; "تاريخ الاغلاق" = "تاريخ الإغلاق").
 */
export const FIELD_SYNONYMS = {
  companies: {
    name: [
      'name',
      'company',
      'company name',
      'account',
      'account name',
      'organization',
      'organisation',
      'organization name',
      'الشركة',
      'اسم الشركة',
      'المنظمة',
      'الحساب',
    ],
    domain: [
      'domain',
      'website',
      'web',
      'url',
      'company domain name',
      'الموقع',
      'الموقع الإلكتروني',
      'النطاق',
    ],
    sector: ['sector', 'industry', 'القطاع', 'الصناعة', 'المجال'],
    size: ['size', 'company size', 'الحجم', 'حجم الشركة'],
    employees: [
      'employees',
      'number of employees',
      'employee count',
      'headcount',
      'عدد الموظفين',
      'الموظفون',
    ],
    country: ['country', 'office location', 'country region', 'billing country', 'الدولة', 'البلد'],
    owner: ['owner', 'company owner', 'account owner', 'المالك', 'المسؤول'],
    externalId: ['id', 'external id', 'record id', 'account id', 'company id', 'المعرف'],
  },
  contacts: {
    name: [
      'name',
      'full name',
      'contact',
      'contact name',
      'person',
      'الاسم',
      'الاسم الكامل',
      'جهة الاتصال',
    ],
    firstName: ['first name', 'given name', 'الاسم الأول'],
    lastName: ['last name', 'surname', 'family name', 'اسم العائلة'],
    email: [
      'email',
      'e mail',
      'email address',
      'work email',
      'البريد الإلكتروني',
      'البريد',
      'الإيميل',
    ],
    phone: [
      'phone',
      'phone number',
      'mobile',
      'mobile phone',
      'mobile phone number',
      'telephone',
      'الهاتف',
      'رقم الهاتف',
      'الجوال',
      'رقم الجوال',
    ],
    jobTitle: ['job title', 'title', 'position', 'المسمى الوظيفي', 'الوظيفة', 'المنصب'],
    company: [
      'company',
      'company name',
      'account',
      'account name',
      'organization',
      'associated company',
      'الشركة',
      'اسم الشركة',
      'المنظمة',
    ],
    role: ['role', 'buying role', 'الدور'],
    owner: ['owner', 'contact owner', 'المالك', 'المسؤول'],
    externalId: ['id', 'external id', 'record id', 'contact id', 'المعرف'],
  },
  deals: {
    title: [
      'title',
      'deal',
      'deal name',
      'deal title',
      'name',
      'opportunity',
      'opportunity name',
      'العنوان',
      'الصفقة',
      'اسم الصفقة',
      'عنوان الصفقة',
    ],
    amount: [
      'amount',
      'value',
      'deal value',
      'close value',
      'revenue',
      'القيمة',
      'المبلغ',
      'قيمة الصفقة',
    ],
    currency: ['currency', 'deal currency', 'العملة'],
    stage: ['stage', 'deal stage', 'pipeline stage', 'المرحلة', 'مرحلة الصفقة'],
    pipeline: ['pipeline', 'deal pipeline', 'sales pipeline', 'خط المبيعات'],
    probability: ['probability', 'probability (%)', 'deal probability', 'الاحتمال', 'احتمال الفوز'],
    status: ['status', 'deal status', 'الحالة', 'حالة الصفقة'],
    company: [
      'company',
      'company name',
      'account',
      'account name',
      'organization',
      'organisation',
      'associated company',
      'الشركة',
      'اسم الشركة',
      'الحساب',
      'المنظمة',
    ],
    owner: [
      'owner',
      'deal owner',
      'sales agent',
      'agent',
      'sales rep',
      'rep',
      'salesperson',
      'opportunity owner',
      'المالك',
      'المسؤول',
      'مندوب المبيعات',
      'البائع',
    ],
    openedAt: [
      'opened',
      'open date',
      'opened at',
      'created',
      'create date',
      'created date',
      'created at',
      'engage date',
      'start date',
      'تاريخ الإنشاء',
      'تاريخ الفتح',
      'تاريخ البدء',
    ],
    closeDate: ['close date', 'closed date', 'closing date', 'closed at', 'تاريخ الإغلاق'],
    expectedCloseDate: ['expected close date', 'expected close', 'تاريخ الإغلاق المتوقع'],
    wonAt: ['won time', 'won date', 'won at', 'تاريخ الفوز'],
    lostAt: ['lost time', 'lost date', 'lost at', 'تاريخ الخسارة'],
    lostReason: ['lost reason', 'reason lost', 'loss reason', 'closed lost reason', 'سبب الخسارة'],
    product: ['product', 'product name', 'المنتج'],
    source: ['source', 'lead source', 'deal source', 'المصدر'],
    externalId: ['id', 'deal id', 'external id', 'record id', 'opportunity id', 'المعرف'],
  },
  activities: {
    kind: ['type', 'kind', 'activity type', 'activity', 'النوع', 'نوع النشاط'],
    subject: ['subject', 'title', 'summary', 'activity subject', 'الموضوع', 'العنوان'],
    note: [
      'note',
      'notes',
      'description',
      'details',
      'body',
      'ملاحظة',
      'ملاحظات',
      'الوصف',
      'التفاصيل',
    ],
    dueAt: [
      'due',
      'due date',
      'due at',
      'due time',
      'scheduled',
      'scheduled at',
      'date',
      'تاريخ الاستحقاق',
      'الموعد',
      'التاريخ',
    ],
    doneAt: [
      'done at',
      'done date',
      'done time',
      'completed at',
      'completed date',
      'completion date',
      'marked as done time',
      'تاريخ الإنجاز',
    ],
    status: ['status', 'done', 'is done', 'completed', 'الحالة', 'منجز'],
    owner: ['owner', 'assigned to', 'user', 'activity owner', 'المالك', 'المسؤول'],
    deal: ['deal', 'deal id', 'deal name', 'deal title', 'opportunity', 'opportunity id', 'الصفقة'],
    company: [
      'company',
      'company name',
      'organization',
      'organisation',
      'account',
      'account name',
      'الشركة',
      'المنظمة',
      'الحساب',
    ],
    contact: [
      'contact',
      'contact name',
      'contact email',
      'person',
      'email',
      'جهة الاتصال',
      'الشخص',
    ],
    externalId: ['id', 'activity id', 'external id', 'record id', 'المعرف'],
  },
  users: {
    name: ['name', 'full name', 'user', 'sales agent', 'agent', 'الاسم', 'المستخدم'],
    email: ['email', 'email address', 'البريد الإلكتروني', 'البريد'],
    role: ['role', 'الدور'],
    manager: ['manager', 'sales manager', 'المدير'],
    team: ['team', 'regional office', 'region', 'office', 'الفريق', 'المكتب'],
    externalId: ['id', 'user id', 'external id', 'المعرف'],
  },
  products: {
    name: ['name', 'product', 'product name', 'المنتج', 'اسم المنتج'],
    series: ['series', 'product series', 'family', 'product family', 'الفئة', 'السلسلة'],
    listPrice: ['list price', 'price', 'sales price', 'unit price', 'السعر', 'سعر القائمة'],
    currency: ['currency', 'العملة'],
    externalId: ['id', 'product id', 'sku', 'external id', 'المعرف'],
  },
} as const satisfies Record<ImportKind, Record<string, readonly string[]>>;

export type FieldOf<K extends ImportKind> = keyof (typeof FIELD_SYNONYMS)[K] & string;
export type AnyField = { [K in ImportKind]: FieldOf<K> }[ImportKind];

export function fieldsOf(kind: ImportKind): string[] {
  return Object.keys(FIELD_SYNONYMS[kind]);
}

const headerKeys = new Map<string, string>();
const MAX_CACHED_KEYS = 10_000;

/**
 * How headers and coded values (stages, statuses, value maps) are compared: folded,
 * punctuation and underscores as spaces. Files repeat these a million times: each text is
 * folded once.
 * @example headerKey('Close_Date') === 'close date'
 */
export function headerKey(header: string): string {
  let key = headerKeys.get(header);
  if (key === undefined) {
    key = nameMatchKey(header.replace(/_/g, ' '));
    if (headerKeys.size < MAX_CACHED_KEYS) headerKeys.set(header, key);
  }
  return key;
}

const guesses = new Map<ImportKind, Map<string, string>>();

/**
 * The field a column header names, guessed from English and Arabic synonyms; null when none.
 * @example guessField('deals', 'Close_Date') === 'closeDate'
 * @example guessField('contacts', 'البريد الإلكتروني') === 'email'
 */
export function guessField(kind: ImportKind, header: string): string | null {
  let byHeader = guesses.get(kind);
  if (!byHeader) {
    byHeader = new Map();
    for (const [field, names] of Object.entries(FIELD_SYNONYMS[kind]) as [string, string[]][]) {
      for (const name of names) {
        if (!byHeader.has(headerKey(name))) byHeader.set(headerKey(name), field);
      }
    }
    guesses.set(kind, byHeader);
  }
  return byHeader.get(headerKey(header)) ?? null;
}
