import { useTranslation } from 'react-i18next';
import { useSession } from '../../session';
import { CustomFieldsSection } from '../custom-fields/custom-fields-section';
import { IcpSection } from '../icp/icp-section';
import { ExchangeRatesSection } from './exchange-rates-section';
import { LostReasonsSection } from './lost-reasons-section';
import { PipelinesSection } from './pipelines-section';
import { TeamsSection } from './teams-section';
import { TokensSection } from './tokens-section';
import { UsersSection } from './users-section';
import { WorkspaceSection } from './workspace-section';

/**
 * The workspace's settings. What a role may change follows the API's permissions: admins change
 * everything; managers the reference data (lost reasons, exchange rates); others read. Teams
 * are an admin's: putting people in them takes the users permission.
 */
export default function SettingsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const role = session.data?.role;
  const isAdmin = role === 'admin';
  const canManageReference = isAdmin || role === 'manager';
  return (
    <div className="settings-page">
      <h1>{t('settings.title')}</h1>
      {!isAdmin && <p className="hint">{t('settings.readOnly')}</p>}
      <PipelinesSection canManage={isAdmin} />
      <CustomFieldsSection canManage={isAdmin} />
      <IcpSection canManage={isAdmin} />
      <LostReasonsSection canManage={canManageReference} />
      <UsersSection canManage={isAdmin} />
      <TeamsSection canManage={isAdmin} />
      {isAdmin && <TokensSection />}
      <ExchangeRatesSection canManage={canManageReference} />
      <WorkspaceSection canManage={isAdmin} />
    </div>
  );
}
