import type { Deal } from '../../api/models';

export function DealItems(_props: { deal: Deal; canEdit: boolean }) {
  return null;
}
