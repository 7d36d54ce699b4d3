/**
 * The demo's customers: Gulf companies named in Arabic and in English, and international ones.
 * All fictional; domains use the reserved `.example` top-level domain (RFC 2606), so a demo
 * workspace can never email a real company.
 */
export interface DemoCompanySeed {
  name: string;
  /** Second-level label; the domain is `<label>.example`. */
  domainLabel: string;
  sector: string;
  size: '1-10' | '11-50' | '51-200' | '201-1000' | '1000+';
  /** ISO 3166-1 alpha-2. */
  country: string;
}

type Row = readonly [string, string, string, DemoCompanySeed['size'], string];

const ROWS: readonly Row[] = [
  ['مجموعة الراجحي للتجارة', 'alrajhi-trading', 'Retail', '1000+', 'SA'],
  ['شركة النخبة للتقنية', 'alnokhba-tech', 'Technology', '51-200', 'SA'],
  ['مؤسسة الأفق للمقاولات', 'alofoq-contracting', 'Construction', '201-1000', 'SA'],
  ['شركة الواحة للخدمات اللوجستية', 'alwaha-logistics', 'Logistics', '201-1000', 'SA'],
  ['مجموعة السنابل الغذائية', 'alsanabel-foods', 'Food & Beverage', '1000+', 'SA'],
  ['مستشفى الرعاية التخصصي', 'alriaya-hospital', 'Healthcare', '201-1000', 'SA'],
  ['شركة البيان للاستشارات', 'albayan-consulting', 'Consulting', '11-50', 'SA'],
  ['مصنع الخليج للبلاستيك', 'gulf-plastics', 'Manufacturing', '201-1000', 'SA'],
  ['شركة المستقبل للطاقة', 'almustaqbal-energy', 'Energy', '1000+', 'SA'],
  ['مدارس الرواد الأهلية', 'alrowad-schools', 'Education', '201-1000', 'SA'],
  ['شركة القمة العقارية', 'alqimma-realestate', 'Real Estate', '51-200', 'SA'],
  ['مجموعة الفجر الفندقية', 'alfajr-hotels', 'Hospitality', '1000+', 'SA'],
  ['شركة تمكين للحلول المالية', 'tamkeen-fintech', 'Finance', '51-200', 'SA'],
  ['مؤسسة سند للتوريدات', 'sanad-supplies', 'Wholesale', '11-50', 'SA'],
  ['شركة الإتقان للصيانة', 'aletqan-maintenance', 'Facilities', '201-1000', 'SA'],
  ['شركة الصحراء للمعدات الثقيلة', 'sahara-equipment', 'Industrial', '201-1000', 'SA'],
  ['شركة بوابة الشرق للشحن', 'eastgate-shipping', 'Logistics', '51-200', 'SA'],
  ['مؤسسة النور للأجهزة الطبية', 'alnoor-medical', 'Healthcare', '11-50', 'SA'],
  ['شركة رؤية للتعليم الإلكتروني', 'roya-elearning', 'Education', '11-50', 'SA'],
  ['شركة الأمل للصناعات الدوائية', 'alamal-pharma', 'Pharmaceuticals', '201-1000', 'SA'],
  ['شركة الجزيرة للاتصالات', 'aljazira-telecom', 'Telecom', '1000+', 'SA'],
  ['شركة نخيل الإمارات للتجارة', 'nakheel-trading', 'Retail', '51-200', 'AE'],
  ['مجموعة الريادة القابضة', 'alriyada-holding', 'Finance', '1000+', 'AE'],
  ['شركة دانة الخليج للأغذية', 'dana-gulf-foods', 'Food & Beverage', '201-1000', 'AE'],
  ['مركز الشفاء الطبي', 'alshifa-medical', 'Healthcare', '51-200', 'AE'],
  ['شركة الدوحة للإنشاءات', 'doha-construction', 'Construction', '1000+', 'QA'],
  ['شركة اللؤلؤة للتقنية', 'lulua-tech', 'Technology', '11-50', 'QA'],
  ['مجموعة الكويت للتجزئة', 'kuwait-retail-group', 'Retail', '1000+', 'KW'],
  ['شركة المنامة للخدمات المالية', 'manama-financial', 'Finance', '51-200', 'BH'],
  ['شركة مسقط للموانئ والخدمات', 'muscat-ports', 'Logistics', '201-1000', 'OM'],
  ['Emirates Logistics', 'emirates-logistics', 'Logistics', '1000+', 'AE'],
  ['Gulf Horizon Real Estate', 'gulfhorizon', 'Real Estate', '201-1000', 'AE'],
  ['Desert Rose Hospitality', 'desertrose-hotels', 'Hospitality', '201-1000', 'AE'],
  ['Falcon Aviation Services', 'falcon-aviation', 'Transport', '201-1000', 'AE'],
  ['Crescent Pharma', 'crescent-pharma', 'Pharmaceuticals', '51-200', 'AE'],
  ['Dubai Events & Exhibitions', 'dubai-events', 'Events', '51-200', 'AE'],
  ['Arabian Cement Works', 'arabian-cement', 'Manufacturing', '1000+', 'SA'],
  ['Red Sea Marine', 'redsea-marine', 'Logistics', '51-200', 'SA'],
  ['Riyadh Data Centre', 'riyadh-dc', 'Technology', '51-200', 'SA'],
  ['Qatar Smart Systems', 'qatar-smart', 'Technology', '51-200', 'QA'],
  ['Bahrain FinServe', 'bahrain-finserve', 'Finance', '11-50', 'BH'],
  ['Oman Fisheries Co.', 'oman-fisheries', 'Food & Beverage', '201-1000', 'OM'],
  ['Kuwait Energy Partners', 'kuwait-energy', 'Energy', '201-1000', 'KW'],
  ['شركة القاهرة للصناعات الدوائية', 'cairo-pharma', 'Pharmaceuticals', '1000+', 'EG'],
  ['شركة وادي النيل للأغذية', 'nilevalley-foods', 'Food & Beverage', '201-1000', 'EG'],
  ['شركة عمّان للبرمجيات', 'amman-software', 'Technology', '11-50', 'JO'],
  ['شركة الدار البيضاء للطاقة الشمسية', 'casa-solar', 'Energy', '51-200', 'MA'],
  ['Nordic Freight AB', 'nordicfreight', 'Logistics', '201-1000', 'SE'],
  ['Müller Maschinenbau GmbH', 'mueller-maschinenbau', 'Manufacturing', '1000+', 'DE'],
  ['Thames Analytics Ltd', 'thames-analytics', 'Technology', '51-200', 'GB'],
  ['Société Lumière SA', 'societe-lumiere', 'Energy', '201-1000', 'FR'],
  ['Atlas Medical Supplies Inc.', 'atlas-medical', 'Healthcare', '201-1000', 'US'],
  ['Pacific Rim Trading Pte Ltd', 'pacificrim-trading', 'Wholesale', '51-200', 'SG'],
  ['Istanbul Textile Group', 'istanbul-textile', 'Manufacturing', '1000+', 'TR'],
  ['Mumbai Infra Projects', 'mumbai-infra', 'Construction', '1000+', 'IN'],
  ['Maple Leaf Education', 'mapleleaf-edu', 'Education', '51-200', 'CA'],
  ['Alpine Hotels AG', 'alpine-hotels', 'Hospitality', '201-1000', 'CH'],
  ['Rotterdam Port Services BV', 'rotterdam-portservices', 'Logistics', '201-1000', 'NL'],
  ['Brightline Consulting LLC', 'brightline-consulting', 'Consulting', '11-50', 'US'],
  ['Van Dijk Agritech BV', 'vandijk-agritech', 'Agriculture', '51-200', 'NL'],
];

export const DEMO_COMPANIES: readonly DemoCompanySeed[] = ROWS.map(
  ([name, domainLabel, sector, size, country]) => ({ name, domainLabel, sector, size, country }),
);

export const GULF_COUNTRIES: ReadonlySet<string> = new Set(['SA', 'AE', 'QA', 'KW', 'BH', 'OM']);

export function isArabicText(text: string): boolean {
  return /[\u0600-\u06ff]/.test(text);
}
