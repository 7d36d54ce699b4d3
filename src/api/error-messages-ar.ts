/**
 * The API's error messages in Arabic, for requests that ask for Arabic (see language.ts): the
 * message of each error code, the name of each kind of record a 404 is about, and the detail
 * codes services give. Field errors of request validation come from Zod's own Arabic locale.
 */
import { z } from 'zod';

/** The whole-request message of every error code the API answers with. */
export const MESSAGE_OF_CODE: Readonly<Record<string, string>> = {
  VALIDATION_FAILED: 'بعض المدخلات غير صحيحة',
  CURRENCY_UNKNOWN: 'العملة غير معروفة',
  EXCHANGE_RATE_MISSING: 'لا يوجد سعر صرف لهذه العملة في ذلك اليوم',
  UNAUTHENTICATED: 'سجّل الدخول أولًا',
  FORBIDDEN: 'ليست لديك صلاحية لهذا الإجراء',
  CSRF_TOKEN_INVALID: 'انتهت صلاحية الجلسة في هذه الصفحة؛ أعد تحميلها ثم حاول مجددًا',
  NOT_FOUND: 'لم يُعثر على المطلوب',
  VERSION_CONFLICT: 'غيّر شخص آخر هذا السجل منذ فتحته؛ راجع النسخة الحالية ثم أعد التعديل',
  CONFLICT: 'يتعارض هذا الطلب مع بيانات موجودة',
  SETUP_ALREADY_DONE: 'تم إعداد مساحة العمل من قبل',
  DEAL_CLOSED: 'الصفقة مغلقة؛ أعد فتحها أولًا',
  DEAL_NOT_CLOSED: 'الصفقة ليست مغلقة',
  STAGE_UNCHANGED: 'الصفقة في هذه المرحلة أصلًا',
  STAGE_NOT_IN_PIPELINE: 'هذه المرحلة ليست من مسار الصفقة',
  STAGE_ARCHIVED: 'هذه المرحلة مؤرشفة',
  REASON_REQUIRED: 'اذكر سببًا لإرجاع الصفقة إلى مرحلة سابقة',
  EXIT_CRITERIA_UNMET: 'لم تكتمل شروط الخروج من المرحلة',
  NO_WON_STAGE: 'لا توجد في المسار مرحلة للصفقات الرابحة',
  VERSION_REQUIRED: 'أرسل رقم النسخة التي قرأتها في ترويسة If-Match',
  RATE_LIMITED: 'محاولات كثيرة؛ انتظر قليلًا ثم حاول مجددًا',
  PAYLOAD_TOO_LARGE: 'الملف أو الطلب أكبر من المسموح',
  BAD_REQUEST: 'الطلب غير صالح',
  INTERNAL: 'حدث خطأ من جهتنا',
};

/** What a 404 is about, as services name it (`notFound('Deal')`). */
const RECORD_NAMES: Readonly<Record<string, string>> = {
  'API token': 'رمز الواجهة البرمجية',
  Activity: 'النشاط',
  Company: 'الشركة',
  Contact: 'جهة الاتصال',
  'Custom field': 'الحقل المخصص',
  'Deal owner': 'مسؤول الصفقة',
  Deal: 'الصفقة',
  'Lost reason': 'سبب الخسارة',
  Pipeline: 'المسار',
  Product: 'المنتج',
  'Saved view': 'العرض المحفوظ',
  Stage: 'المرحلة',
  Target: 'الهدف',
  Team: 'الفريق',
  User: 'المستخدم',
  Workspace: 'مساحة العمل',
};

/** A 404's message: "لم يُعثر على الصفقة". */
export function notFoundMessage(record: string | undefined): string {
  const name = record === undefined ? undefined : RECORD_NAMES[record];
  return name ? `لم يُعثر على ${name}` : (MESSAGE_OF_CODE.NOT_FOUND ?? '');
}

/** Field errors services give, by their machine-readable code. */
const MESSAGE_OF_DETAIL: Readonly<Record<string, string>> = {
  unknown_reference: 'لا يوجد سجل بهذا المعرّف في مساحة العمل',
  invalid_phone: 'رقم هاتف غير صالح',
  invalid_domain: 'اكتب نطاقًا مثل acme.com',
  unknown_currency: 'رمز عملة غير معروف بمعيار ISO 4217',
  base_currency: 'لا يلزم سعر صرف للعملة الأساسية',
  duplicate_name: 'هذا الاسم مستخدم',
  duplicate_target: 'يوجد هدف لهذه الفترة؛ عدّله بدل إضافة آخر',
  team_has_targets: 'للفريق أهداف؛ احذفها أولًا',
  company_has_deals: 'للشركة صفقات؛ انقلها أو احذفها أولًا',
  not_the_active_stages: 'أرسل كل المراحل النشطة للمسار مرة واحدة بالترتيب الجديد',
  encoding: 'ترميز الملف غير مقروء؛ احفظه بترميز UTF-8',
  aborted: 'انقطع رفع الملف',
  invalid_day: 'اكتب يومًا بالصيغة YYYY-MM-DD',
  invalid_period:
    'اكتب سنة (2026) أو ربعًا (2026-Q1) أو شهرًا (2026-03) أو مدى (2026-01-01..2026-04-01)',
  invalid_as_of: 'اكتب يومًا (YYYY-MM-DD) أو تاريخًا ووقتًا بمعيار ISO 8601 مع المنطقة الزمنية',
  future_as_of: 'السجل يعرف الماضي فقط: اختر لحظة حتى الآن',
  invalid_target_scope: 'اكتب workspace أو team:<معرّف الفريق> أو owner:<معرّف المستخدم>',
  invalid_cursor: 'مؤشر صفحة غير صالح لهذا العمود',
  duplicate_stage_key: 'مفتاح المرحلة مستخدم في هذا المسار',
  first_qualified_twice: 'مرحلة واحدة فقط في المسار تكون أول مرحلة مؤهَّلة',
  stage_not_in_pipeline: 'هذه المرحلة ليست من مسار الصفقة',
  stage_archived: 'هذه المرحلة مؤرشفة',
  stage_unchanged: 'الصفقة في هذه المرحلة أصلًا',
  not_open_stage: 'اختر مرحلة مفتوحة نشطة',
  default_pipeline: 'لا يُؤرشف المسار الافتراضي؛ اجعل مسارًا آخر افتراضيًا أولًا',
  lost_reason_archived: 'سبب الخسارة هذا مؤرشف',
  already_member: 'هذا الشخص عضو في مساحة العمل أصلًا',
  last_admin: 'لا يمكن تخفيض دور آخر مدير في مساحة العمل',
  no_header: 'يلزم أن يحوي السطر الأول أسماء الأعمدة',
  range_reversed: 'يجب أن تأتي النهاية بعد البداية',
  best_case_below_commit: 'أفضل الاحتمالات لا يقلّ عن المؤكَّد',
  custom_field_not_trackable: 'حقول الصفقات وحدها تحتفظ بسجلّ تغيّراتها',
  if_match: 'ترويسة If-Match مفقودة أو غير صحيحة',
  pipeline_archived: 'هذا المسار مؤرشف؛ استعده أولًا أو اختر مسارًا آخر',
  pipeline_has_open_deals: 'في هذا المسار صفقات مفتوحة؛ انقلها أو أغلقها أولًا',
  // Line items, merges and "my day".
  invalid_quantity: 'اكتب كمية بعدد صحيح لا يقل عن 1',
  invalid_discount: 'اكتب خصمًا من 0 إلى 100 بمنزلتين عشريتين على الأكثر',
  price_required: 'ليس للمنتج سعر في القائمة؛ اكتب سعر الوحدة',
  currency_mismatch: 'سعر المنتج بعملة غير عملة الصفقة؛ اكتب سعر الوحدة بعملة الصفقة',
  amount_too_large: 'المجموع أكبر من أكبر مبلغ يمكن حفظه',
  too_many_items: 'عدد البنود أكثر من المسموح (200)',
  invalid_name: 'اكتب اسمًا',
  merge_into_itself: 'لا يُدمج السجل في نفسه؛ اختر سجلًا آخر',
  duplicate_changed: 'غيّر شخص آخر السجل المكرر منذ فتحته؛ أعد تحميله ثم ادمج مجددًا',
  owner_or_team: 'اختر مسؤولًا واحدًا أو فريقًا واحدًا، لا الاثنين',
  owner_required: 'رمز الواجهة البرمجية لا يمثل شخصًا؛ حدّد ownerId أو teamId',
  // Custom fields.
  custom_field_unknown: 'لا يوجد حقل مخصص بهذا المفتاح لهذا النوع من السجلات',
  custom_field_required: 'هذا الحقل المخصص مطلوب',
  custom_field_invalid: 'القيمة لا تناسب نوع هذا الحقل المخصص',
  custom_field_too_long: 'النص أطول من المسموح (500 حرف)',
  custom_field_url: 'اكتب عنوانًا يبدأ بـ http:// أو https://',
  custom_field_option_unknown: 'ليس خيارًا من خيارات هذا الحقل',
  custom_field_option_archived: 'هذا الخيار مؤرشف',
  custom_field_operator: 'لا يقبل هذا الحقل هذه المقارنة',
  unknown_filter: 'ليس من مرشحات اللوحة',
  too_many_filters: 'المرشحات أكثر من المسموح (20)',
  too_long: 'النص أطول من المسموح',
  custom_field_not_sortable: 'لا يُرتَّب بحقل متعدد الخيارات',
  custom_field_options: 'يلزم حقل الاختيار خيار واحد على الأقل غير مؤرشف، ولا خيارات لغيره',
  custom_field_option_removed: 'لا يُحذف خيار قد تحمله السجلات؛ أرشفه بدلًا من ذلك',
  duplicate_option_key: 'مفتاح الخيار مكرر',
  duplicate_custom_field_key: 'يوجد حقل مخصص بهذا المفتاح لهذا النوع من السجلات',
  custom_field_archived: 'هذا الحقل المخصص مؤرشف؛ استعده أولًا',
  custom_field_in_use: 'في السجلات قيم لهذا الحقل؛ أرشفه بدلًا من حذفه',
  custom_field_limit: 'بلغ عدد الحقول المخصصة الحد الأقصى (100) لهذا النوع من السجلات',
  custom_field_changed: 'تغيّر حقل مخصص في هذه الأثناء؛ أعد التحميل ثم حاول مجددًا',
  // The ideal customer profile.
  icp_too_many: 'المعايير أكثر من المسموح (20)',
  icp_attribute_unknown: 'ليست من صفات الشركة ولا من حقولها المخصصة',
  icp_attribute_twice: 'هذه الصفة مذكورة مرتين',
  icp_values_empty: 'اذكر قيمة واحدة على الأقل',
  icp_weight: 'الوزن عدد صحيح من 1 إلى 5',
  // Exit criteria, by criterion.
  amount: 'أدخل مبلغ الصفقة قبل مغادرة هذه المرحلة',
  expectedCloseDate: 'أدخل تاريخ الإغلاق المتوقع قبل مغادرة هذه المرحلة',
  company: 'اربط الصفقة بشركة قبل مغادرة هذه المرحلة',
  contact: 'أضف جهة اتصال واحدة على الأقل قبل مغادرة هذه المرحلة',
  decisionMaker: 'أضف جهة اتصال بدور صاحب القرار قبل مغادرة هذه المرحلة',
  nextStep: 'حدّد خطوة تالية (نشاطًا مفتوحًا) قبل مغادرة هذه المرحلة',
  need: 'يجب أن تُعرف الحاجة (بثقة متوسطة أو عالية) قبل مغادرة هذه المرحلة',
  budget: 'يجب أن تُعرف الميزانية (بثقة متوسطة أو عالية) قبل مغادرة هذه المرحلة',
  authority: 'يجب أن يُعرف صاحب القرار (بثقة متوسطة أو عالية) قبل مغادرة هذه المرحلة',
  timing: 'يجب أن يُعرف التوقيت (بثقة متوسطة أو عالية) قبل مغادرة هذه المرحلة',
  qualified: 'يلزم أن تبلغ درجة التأهيل 75 على الأقل قبل مغادرة هذه المرحلة',
};

export function detailMessage(code: string | undefined): string | undefined {
  return code === undefined ? undefined : MESSAGE_OF_DETAIL[code];
}

const zodArabic = z.locales.ar();

/**
 * A request-validation issue in Arabic, from Zod's Arabic locale.
 * @example validationMessage({ code: 'too_small', origin: 'string', minimum: 1 }) is 'أصغر من اللازم: يفترض لـ …'
 */
export function validationMessage(issue: Record<string, unknown>): string | undefined {
  // The issue as Zod made it, less the message: the locale reads its code and bounds.
  const said = zodArabic.localeError(
    issue as unknown as Parameters<typeof zodArabic.localeError>[0],
  );
  if (typeof said === 'string') return said;
  return said?.message;
}
