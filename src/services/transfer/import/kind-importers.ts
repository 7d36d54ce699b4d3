import { activityImporter } from './activity-import.js';
import { CompanyDirectory } from './company-directory.js';
import { companyImporter } from './company-import.js';
import { ContactDirectory } from './contact-directory.js';
import { contactImporter } from './contact-import.js';
import { loadImportedCustomFields } from './custom-field-import.js';
import { dealImporter } from './deal-import.js';
import { DealStages } from './deal-stages.js';
import type { ImportRun } from './import-run.js';
import type { KindImporter } from './kind-importer.js';
import { MemberDirectory } from './member-directory.js';
import { ProductCatalog } from './product-catalog.js';
import { productImporter } from './product-import.js';
import { userImporter } from './user-import.js';

/**
 * Loads what a kind matches against (companies, people, products…) and builds its importer.
 * `columnOf` names the column(s) a field is read from, for the custom fields' report.
 */
export async function createKindImporter(
  run: ImportRun,
  columnOf: (field: string) => string | null,
): Promise<KindImporter> {
  switch (run.kind) {
    case 'companies': {
      const members = await MemberDirectory.load(run);
      return companyImporter(
        run,
        await CompanyDirectory.load(run),
        members,
        await loadImportedCustomFields(run, members, columnOf),
      );
    }
    case 'contacts': {
      const members = await MemberDirectory.load(run);
      return contactImporter(
        run,
        await ContactDirectory.load(run),
        await CompanyDirectory.load(run),
        members,
        await loadImportedCustomFields(run, members, columnOf),
      );
    }
    case 'deals': {
      const members = await MemberDirectory.load(run);
      return dealImporter(
        run,
        await DealStages.load(run),
        await CompanyDirectory.load(run),
        members,
        await ProductCatalog.load(run),
        await loadImportedCustomFields(run, members, columnOf),
      );
    }
    case 'activities':
      return activityImporter(
        run,
        await CompanyDirectory.load(run),
        await ContactDirectory.load(run),
        await MemberDirectory.load(run),
      );
    case 'users':
      return userImporter(run, await MemberDirectory.load(run));
    case 'products':
      return productImporter(run, await ProductCatalog.load(run));
  }
}
