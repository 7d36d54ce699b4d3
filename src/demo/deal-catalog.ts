/** What the demo team sells and says, in Arabic and English. */
import type { Script } from './names.js';

/** A text in both languages; `[script]` picks one. */
export type Bilingual = Readonly<Record<Script, string>>;

const bi = (ar: string, en: string): Bilingual => ({ ar, en });

export interface Offering {
  title: Bilingual;
  /** Typical deal value in US dollars, low and high. */
  usd: readonly [number, number];
}

export const OFFERINGS: readonly Offering[] = [
  { title: bi('نظام إدارة علاقات العملاء', 'CRM rollout'), usd: [20_000, 150_000] },
  { title: bi('تراخيص سنوية', 'Annual licences'), usd: [10_000, 80_000] },
  { title: bi('تجديد عقد الدعم الفني', 'Support contract renewal'), usd: [5_000, 40_000] },
  { title: bi('نظام إدارة المستودعات', 'Warehouse management system'), usd: [40_000, 250_000] },
  { title: bi('نظام تتبع الأسطول', 'Fleet tracking'), usd: [15_000, 120_000] },
  { title: bi('ترحيل البيانات', 'Data migration'), usd: [8_000, 60_000] },
  { title: bi('باقة تدريب الفريق', 'Team training package'), usd: [3_000, 20_000] },
  { title: bi('لوحات التحليلات والتقارير', 'Analytics dashboards'), usd: [10_000, 70_000] },
  { title: bi('التكامل مع نظام تخطيط الموارد', 'ERP integration'), usd: [25_000, 180_000] },
  { title: bi('الاستضافة السحابية', 'Cloud hosting'), usd: [12_000, 90_000] },
  { title: bi('تدقيق أمن المعلومات', 'Security audit'), usd: [10_000, 60_000] },
  { title: bi('مشروع تجريبي', 'Pilot project'), usd: [5_000, 25_000] },
  { title: bi('توسعة النظام للفروع', 'Branch expansion'), usd: [30_000, 200_000] },
  { title: bi('نظام نقاط البيع', 'Point-of-sale system'), usd: [15_000, 100_000] },
  {
    title: bi('بوابة الخدمة الذاتية للعملاء', 'Customer self-service portal'),
    usd: [20_000, 120_000],
  },
];

export const TITLE_SUFFIXES: readonly Bilingual[] = [
  bi('المرحلة الثانية', 'phase 2'),
  bi('تجديد', 'renewal'),
  bi('الفروع الإقليمية', 'regional branches'),
];

/** Where deals come from, with how often; referrals and events often arrive already qualified. */
export const SOURCES: readonly (readonly [string, number])[] = [
  ['Website', 28],
  ['Referral', 18],
  ['Cold call', 14],
  ['LinkedIn', 12],
  ['Event', 10],
  ['Partner', 8],
  ['Inbound email', 10],
];
export const WARM_SOURCES: ReadonlySet<string> = new Set(['Referral', 'Event', 'Partner']);

export const DECISION_MAKER_LEFT = bi('غادر صاحب القرار', 'Decision maker left');

/** Why a deal goes back a stage: not a loss, a step back with its reason on record. */
export const BACKWARD_REASONS: readonly Bilingual[] = [
  DECISION_MAKER_LEFT,
  bi('تغيّرت متطلبات العميل', 'Customer requirements changed'),
  bi('تجميد الميزانية حتى الربع القادم', 'Budget frozen until next quarter'),
  bi('طلب العميل إعادة تقييم الحلول المنافسة', 'Customer re-evaluating competing solutions'),
];

export const REOPEN_REASONS: readonly Bilingual[] = [
  bi('عاد العميل بميزانية جديدة', 'Customer came back with a new budget'),
  bi('صاحب القرار الجديد مهتم بالعرض', 'The new decision maker is interested'),
];

/** Notes on a loss, by the English label of the workspace's default lost reasons. */
export const LOST_NOTES: Readonly<Record<string, Bilingual>> = {
  Price: bi('سعرنا أعلى من ميزانيتهم بنحو ٢٠٪', 'Our price was about 20% over their budget'),
  'Chose a competitor': bi('اختاروا مزودًا محليًا', 'They went with a local vendor'),
  'No budget': bi('أُجّلت الميزانية إلى السنة القادمة', 'Budget pushed to next year'),
  'No decision / went silent': bi('لا رد بعد ثلاث متابعات', 'No reply after three follow-ups'),
  Timing: bi('المشروع مؤجل إلى ما بعد رمضان', 'Project postponed until after Ramadan'),
  'Product fit': bi('يحتاجون تكاملًا لا نوفره', 'They need an integration we do not offer'),
  'Decision maker left': bi(
    'غادر صاحب القرار ولم يُعيَّن بديل',
    'Decision maker left, no replacement yet',
  ),
};

/** How likely a loss at an early (index 0–2) or late stage has each default reason. */
export const LOST_REASON_WEIGHTS: Readonly<Record<string, readonly [number, number]>> = {
  Price: [1, 4],
  'Chose a competitor': [1, 3],
  'No budget': [3, 1],
  'No decision / went silent': [3, 2],
  Timing: [2, 1.5],
  'Product fit': [2, 1],
  'Decision maker left': [0.5, 1],
};

export type DemoActivityKind = 'call' | 'email' | 'meeting' | 'task' | 'note';
export type ActivityIdea = readonly [DemoActivityKind, Bilingual];

/** The step that moves a deal on, by stage index (lead generation … negotiation). */
export const KEY_ACTIVITIES: readonly (readonly ActivityIdea[])[] = [
  [
    ['call', bi('مكالمة تعريفية', 'Intro call')],
    ['email', bi('الرد على استفسار الموقع', 'Reply to website enquiry')],
  ],
  [
    ['call', bi('مكالمة استكشافية', 'Discovery call')],
    ['email', bi('إرسال ملف الشركة', 'Send company profile')],
  ],
  [
    ['meeting', bi('اجتماع تأهيل مع صاحب القرار', 'Qualification meeting with the decision maker')],
    ['call', bi('تأكيد الميزانية والجدول الزمني', 'Confirm budget and timeline')],
  ],
  [
    ['meeting', bi('عرض توضيحي للمنتج', 'Product demo')],
    ['meeting', bi('جمع المتطلبات التفصيلية', 'Gather detailed requirements')],
  ],
  [
    ['task', bi('إرسال العرض الفني والمالي', 'Send technical and commercial proposal')],
    ['meeting', bi('مراجعة العرض مع العميل', 'Walk the customer through the proposal')],
  ],
  [
    ['meeting', bi('التفاوض على الشروط', 'Negotiate terms')],
    ['task', bi('مراجعة العقد مع الشؤون القانونية', 'Contract review with legal')],
  ],
];

export const AFTER_WIN_ACTIVITIES: readonly ActivityIdea[] = [
  ['meeting', bi('اجتماع انطلاق المشروع', 'Project kick-off meeting')],
  ['task', bi('تسليم الحساب لفريق التنفيذ', 'Hand over to the delivery team')],
];

export const CHECK_IN_CALL: ActivityIdea = [
  'call',
  bi('متابعة رضا العميل', 'Customer satisfaction check-in'),
];

/** Small things logged along the way. */
export const LOGGED_ACTIVITIES: readonly ActivityIdea[] = [
  ['call', bi('مكالمة متابعة', 'Follow-up call')],
  ['email', bi('رسالة متابعة', 'Follow-up email')],
  ['email', bi('إرسال دراسة حالة مشابهة', 'Sent a similar case study')],
  ['note', bi('العميل يفضّل التواصل عبر واتساب', 'Customer prefers WhatsApp')],
  ['call', bi('مكالمة مع قسم المشتريات', 'Call with procurement')],
];

/** A next step booked after the last one was done. */
export const FOLLOW_UPS: readonly ActivityIdea[] = [
  ['call', bi('متابعة بعد الاجتماع', 'Follow up after the meeting')],
  ['meeting', bi('اجتماع مع فريق العميل الفني', 'Meeting with the customer’s technical team')],
  ['task', bi('تحضير عرض سعر محدّث', 'Prepare an updated quote')],
  ['email', bi('إرسال محضر الاجتماع', 'Send the meeting minutes')],
];
