import { useEffect, useState } from 'react';
import { Alert, Descriptions, Form, Input, Select, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import {
  addVipMember, endVipMembership, previewVipEnd, renewVipMembership, type VipMembershipDetail, type VipPaymentRecord, type VipRefundPreview,
} from '../../api/vip.ts';
import { FormModal } from '../../lib/form-modal.tsx';
import { yuanToFen } from '../../lib/money.ts';
import { MemberSelect } from './member-select.tsx';
import { PAYMENT_FIELDS, PaymentFields, paymentDefaults, toPayment, type PaymentValues } from './payment-fields.tsx';
import { PAYMENT_METHODS, yuan } from './vip-format.tsx';

type Done = (m: VipMembershipDetail) => void;

/** Renewal: one more term from the current end (or from the payment day when lapsed), with its payment. */
export function RenewForm({ programId, m, open, onClose, onDone }: { programId: string; m: VipMembershipDetail; open: boolean; onClose: () => void; onDone: Done }) {
  const { t } = useTranslation();
  const corporate = m.kind === 'corporate';
  return (
    <FormModal<PaymentValues & { fee?: string }> open={open} title={t('vip.renew')} testId="vip-renew-form" onClose={onClose} fieldMap={{ ...PAYMENT_FIELDS, fee_fen: 'fee' }}
      initialValues={{ ...paymentDefaults(m.fee_fen), ...(corporate ? { fee: (m.fee_fen / 100).toFixed(2) } : {}) }}
      onSubmit={async (v) => {
        const fee = corporate && v.fee ? yuanToFen(v.fee) : null;
        onDone(await renewVipMembership(programId, m.id, { payment: toPayment(v), ...(fee !== null && fee !== m.fee_fen ? { fee_fen: fee } : {}) }));
        return t('vip.renewed');
      }}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('vip.renewHelp', { end: m.ends_on })} />
      {corporate && <Form.Item name="fee" label={t('vip.negotiatedFee')}><Input inputMode="decimal" /></Form.Item>}
      <PaymentFields />
    </FormModal>
  );
}

/** Ending early: the server's refund preview is shown, and confirmed with its figure. */
export function EndForm({ programId, m, open, onClose, onDone }: { programId: string; m: VipMembershipDetail; open: boolean; onClose: () => void; onDone: Done }) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<VipRefundPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    setPreview(null);
    setError(null);
    previewVipEnd(programId, m.id).then(setPreview, (err: unknown) => setError(errorText(err)));
  }, [open, programId, m.id]);
  return (
    <FormModal<{ method: VipPaymentRecord['method']; reference?: string }> open={open} title={t('vip.endEarly')} testId="vip-end-form" onClose={onClose} danger
      okText={t('vip.confirmEnd')} initialValues={{ method: 'bank_transfer' }}
      onSubmit={async (v) => {
        if (!preview) throw new Error(error ?? t('vip.previewMissing'));
        onDone(await endVipMembership(programId, m.id, { refund_fen: preview.refund_fen, method: v.method, reference: v.reference || null }));
        return t('vip.endedMsg');
      }}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {!preview && !error ? <Spin /> : preview && (
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }} data-testid="vip-end-preview">
          <Descriptions.Item label={t('vip.refundPolicy')}>{t(`vip.refundPolicies.${preview.refund_policy}`)}</Descriptions.Item>
          <Descriptions.Item label={t('vip.lastDay')}>{preview.ends_on}</Descriptions.Item>
          {preview.refund_policy === 'pro_rata' && (
            <Descriptions.Item label={t('vip.formula')}>{t('vip.formulaText', { fee: yuan(preview.fee_fen), remaining: preview.remaining_days, term: preview.term_days })}</Descriptions.Item>
          )}
          <Descriptions.Item label={t('vip.refund')}><strong data-testid="vip-end-refund">{yuan(preview.refund_fen)}</strong></Descriptions.Item>
        </Descriptions>
      )}
      <Form.Item name="method" label={t('vip.refundMethod')}>
        <Select options={PAYMENT_METHODS.map((x) => ({ value: x, label: t(`vip.methods.${x}`) }))} />
      </Form.Item>
      <Form.Item name="reference" label={t('vip.refundReference')}><Input maxLength={64} /></Form.Item>
    </FormModal>
  );
}

/** Adds a named member to a corporate membership. */
export function AddMemberForm({ programId, m, open, onClose, onDone }: { programId: string; m: VipMembershipDetail; open: boolean; onClose: () => void; onDone: Done }) {
  const { t } = useTranslation();
  return (
    <FormModal<{ member_id: string }> open={open} title={t('vip.addMember')} testId="vip-add-member-form" onClose={onClose}
      onSubmit={async (v) => { onDone(await addVipMember(programId, m.id, v.member_id)); return t('vip.memberAdded'); }}>
      <Form.Item name="member_id" label={t('vip.member')} rules={[{ required: true, message: t('vip.required') }]}>
        <MemberSelect programId={programId} testId="vip-add-member-select" />
      </Form.Item>
    </FormModal>
  );
}
