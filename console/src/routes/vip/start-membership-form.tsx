import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { startVipMembership, type VipMembershipDetail, type VipPlan } from '../../api/vip.ts';
import { FormModal } from '../../lib/form-modal.tsx';
import { yuanToFen } from '../../lib/money.ts';
import { useLang } from '../../session/lang.tsx';
import { MemberSelect } from './member-select.tsx';
import { PAYMENT_FIELDS, PaymentFields, paymentDefaults, toPayment, type PaymentValues } from './payment-fields.tsx';
import { planName, yuan } from './vip-format.tsx';

interface Values extends PaymentValues {
  plan_id: string; member_id?: string; member_ids?: string[]; company_name?: string; contact_name?: string; contact_phone?: string;
  fee?: string; account_manager?: string; starts_on?: Dayjs;
}

/** Starts a membership: a plan, who, and the first payment (a membership starts only when paid). */
export function StartMembershipForm({ programId, plans, open, onClose, onDone }: {
  programId: string; plans: VipPlan[]; open: boolean; onClose: () => void; onDone: (m: VipMembershipDetail) => void;
}) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const offered = plans.filter((p) => p.active);
  const submit = async (v: Values) => {
    const plan = plans.find((p) => p.id === v.plan_id);
    const corporate = plan?.kind === 'corporate';
    const m = await startVipMembership(programId, {
      plan_id: v.plan_id, payment: toPayment(v), account_manager: v.account_manager || null,
      ...(v.starts_on ? { starts_on: v.starts_on.format('YYYY-MM-DD') } : {}),
      ...(corporate
        ? { company_name: v.company_name ?? '', contact_name: v.contact_name ?? '', contact_phone: v.contact_phone || undefined, member_ids: v.member_ids ?? [], fee_fen: yuanToFen(v.fee ?? '') ?? 0 }
        : { member_id: v.member_id }),
    });
    onDone(m);
    return t('vip.started');
  };
  return (
    <FormModal<Values> open={open} title={t('vip.newMembership')} testId="vip-start-form" onClose={onClose} onSubmit={submit}
      fieldMap={{ ...PAYMENT_FIELDS, fee_fen: 'fee', member_ids: 'member_ids' }} initialValues={{ ...paymentDefaults(null), plan_id: offered[0]?.id }}>
      <Form.Item name="plan_id" label={t('vip.plan')} rules={[{ required: true, message: t('vip.required') }]}>
        <Select options={offered.map((p) => ({ value: p.id, label: `${planName(p, lang)} · ${t(`vip.kinds.${p.kind}`)} · ${p.annual_fee_fen === null ? t('vip.negotiated') : yuan(p.annual_fee_fen)}` }))} data-testid="vip-start-plan" />
      </Form.Item>
      <Form.Item noStyle shouldUpdate>{({ getFieldValue }) => {
        const plan = plans.find((p) => p.id === getFieldValue('plan_id'));
        if (!plan) return null;
        return plan.kind === 'corporate' ? (
          <>
            <Form.Item name="company_name" label={t('vip.company')} rules={[{ required: true, message: t('vip.required') }]}><Input maxLength={200} /></Form.Item>
            <Form.Item name="contact_name" label={t('vip.contactName')} rules={[{ required: true, message: t('vip.required') }]}><Input maxLength={100} /></Form.Item>
            <Form.Item name="contact_phone" label={t('vip.contactPhone')}><Input maxLength={30} /></Form.Item>
            <Form.Item name="member_ids" label={t('vip.namedMembers', { n: plan.max_seats })}><MemberSelect programId={programId} multiple testId="vip-start-members" /></Form.Item>
            <Form.Item name="fee" label={t('vip.negotiatedFee')} rules={[{ required: true, message: t('vip.required') }]}><Input inputMode="decimal" /></Form.Item>
          </>
        ) : (
          <Form.Item name="member_id" label={t('vip.member')} rules={[{ required: true, message: t('vip.required') }]} extra={t('vip.feeIs', { fee: yuan(plan.annual_fee_fen) })}>
            <MemberSelect programId={programId} testId="vip-start-member" />
          </Form.Item>
        );
      }}</Form.Item>
      <Form.Item name="account_manager" label={t('vip.accountManager')} extra={t('vip.accountManagerHelp')}><Input maxLength={200} /></Form.Item>
      <Form.Item name="starts_on" label={t('vip.startsOn')} extra={t('vip.startsOnHelp')}><DatePicker /></Form.Item>
      <PaymentFields />
    </FormModal>
  );
}
