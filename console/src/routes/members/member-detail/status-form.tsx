import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, Select, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/client.ts';
import { changeStatus, getTerminationPreview, type StatusAction } from '../../../api/endpoints.ts';
import type { Member, TerminationSettlement, VipRefundInput } from '../../../api/types.ts';
import { FormModal } from '../../../lib/form-modal.tsx';
import { useSession } from '../../../session/session.tsx';
import { PAYMENT_METHODS } from '../../vip/vip-format.tsx';
import { TerminationSummary } from './termination-summary.tsx';

interface Props {
  action: StatusAction | null;
  memberId: string;
  onClose(): void;
  onDone(m: Member): void;
}

interface Values { reason: string; refund_method?: VipRefundInput['method']; refund_reference?: string }

/**
 * Suspends, reactivates or terminates with a reason. Terminating first shows what it will
 * settle for this member (the server's preview), asks how a personal VIP refund is paid when
 * one is owed, and afterwards shows what was done.
 */
export function StatusForm({ action, memberId, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const program = useSession().program!;
  const terminating = action === 'terminate';
  const [preview, setPreview] = useState<TerminationSettlement | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);

  useEffect(() => {
    if (!terminating) return;
    setPreview(null);
    setPreviewError(null);
    getTerminationPreview(program.id, memberId).then(setPreview, (err: unknown) => setPreviewError(errorText(err)));
  }, [terminating, program.id, memberId]);

  const refund = preview?.vip_membership_ended?.refund_fen ?? 0;

  async function submit(v: Values, key: string) {
    const vipRefund = terminating && refund > 0
      ? { refund_fen: refund, method: v.refund_method!, reference: v.refund_reference?.trim() || null }
      : undefined;
    const m = await changeStatus(program.id, memberId, action!, v.reason.trim(), key, vipRefund);
    onDone(m);
    if ('settled' in m) {
      modal.success({
        title: t('termination.doneTitle'), width: 520,
        content: <TerminationSummary s={m.settled} done testId="termination-done" />,
      });
    }
    return t('common.success');
  }

  return (
    <FormModal<Values>
      open={action !== null}
      onClose={onClose}
      title={action ? t(`status.titles.${action}`) : ''}
      testId="status-form"
      onSubmit={submit}
      danger={terminating}
      okText={action ? t(`status.${action}`) : undefined}
      initialValues={{ refund_method: 'bank_transfer' }}
      fieldMap={{ vip_refund: 'refund_method', 'vip_refund.method': 'refund_method', 'vip_refund.reference': 'refund_reference' }}
    >
      {terminating && <Alert type="warning" showIcon title={t('status.terminateWarning')} style={{ marginBottom: 12 }} />}
      {terminating && (
        <div style={{ marginBottom: 16 }}>
          <Typography.Text strong>{t('termination.willTitle')}</Typography.Text>
          {previewError && <Alert type="error" showIcon title={previewError} style={{ marginTop: 8 }} />}
          {!preview && !previewError ? <div><Spin size="small" /></div> : preview && <TerminationSummary s={preview} done={false} testId="termination-preview" />}
        </div>
      )}
      {terminating && refund > 0 && (
        <>
          <Form.Item name="refund_method" label={t('termination.refundMethod')} rules={[{ required: true, message: t('termination.refundMethodRequired') }]}>
            <Select options={PAYMENT_METHODS.map((x) => ({ value: x, label: t(`vip.methods.${x}`) }))} data-testid="termination-refund-method" />
          </Form.Item>
          <Form.Item name="refund_reference" label={t('vip.refundReference')}><Input maxLength={64} /></Form.Item>
        </>
      )}
      <Form.Item name="reason" label={t('status.reason')} rules={[{ required: true, whitespace: true, message: t('status.reasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={200} showCount data-testid="status-reason" />
      </Form.Item>
    </FormModal>
  );
}
