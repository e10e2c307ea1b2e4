import { Alert, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { assignTierFloor } from '../../../api/endpoints.ts';
import type { MemberTier, Tier } from '../../../api/types.ts';
import { FormModal } from '../../../lib/form-modal.tsx';
import { tierName } from '../../../lib/tier-format.ts';
import { useLang } from '../../../session/lang.tsx';
import { useSession } from '../../../session/session.tsx';

interface Values {
  tier_id: string;
  reason: string;
  ends_on?: Dayjs | null;
}

interface Props {
  open: boolean;
  memberId: string;
  tiers: Tier[];
  onClose(): void;
  onDone(t: MemberTier): void;
}

/** Manual assignment: a tier, a reason, an optional last day; it becomes a floor. */
export function TierFloorForm({ open, memberId, tiers, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const program = useSession().program!;

  async function submit(v: Values, key: string) {
    const r = await assignTierFloor(program.id, memberId, { tier_id: v.tier_id, reason: v.reason.trim(), ends_on: v.ends_on ? v.ends_on.format('YYYY-MM-DD') : null }, key);
    onDone(r);
    return t('memberTier.assigned', { tier: tierName(r.tier, lang) });
  }

  return (
    <FormModal<Values> open={open} onClose={onClose} title={t('memberTier.assignTitle')} testId="tier-floor-form" onSubmit={submit} fieldMap={{ tier_id: 'tier_id', ends_on: 'ends_on' }}>
      <Alert type="info" showIcon title={t('memberTier.assignHelp')} style={{ marginBottom: 16 }} />
      <Form.Item name="tier_id" label={t('memberTier.tier')} rules={[{ required: true, message: t('memberTier.tierRequired') }]}>
        <Select data-testid="tier-floor-tier" options={tiers.map((x) => ({ value: x.id, label: tierName(x, lang) }))} />
      </Form.Item>
      <Form.Item name="reason" label={t('memberTier.reason')} rules={[{ required: true, whitespace: true, message: t('memberTier.reasonRequired') }]}>
        <Input.TextArea rows={2} maxLength={500} showCount data-testid="tier-floor-reason" />
      </Form.Item>
      <Form.Item name="ends_on" label={t('memberTier.endsOn')} extra={t('memberTier.endsOnHelp')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
