import { useEffect, useState } from 'react';
import { App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { actOnCase, addProceeding, giveGoodwill, type CaseAction, type CaseChannel } from '../../api/cases.ts';
import { listCouponTypes } from '../../api/coupons.ts';
import { useAttemptKey } from '../../lib/idempotency.ts';

const SEND = ['portal', 'sms', 'email', 'phone', 'store', 'wechat'] as const;

/** A step that needs a text (a solution, a rejection's reason, a service plan) or a message (telling the member). */
export function ActionDialog({ pid, caseId, action, onClose, onDone }: { pid: string; caseId: string; action: CaseAction | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text?: string; channel?: CaseChannel; body?: string }>();
  const [busy, setBusy] = useState(false);
  useEffect(() => { if (action) form.resetFields(); }, [action, form]);
  if (!action) return null;
  const tell = action === 'tell_outcome';
  const label = action === 'record_solution' ? t('cases.solution') : action === 'reject' ? t('cases.reason') : t('cases.text');
  const placeholder = action === 'record_solution' ? t('cases.solutionPlaceholder') : action === 'reject' ? t('cases.reasonPlaceholder') : '';
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await actOnCase(pid, caseId, tell ? { action, message: { channel: v.channel!, body: v.body! } } : { action, ...(v.text ? { text: v.text } : {}) });
      void message.success(t('cases.saved'));
      onDone();
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={tell ? t('cases.tellTitle') : t(`cases.actions.${action}`)} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} okText={t('cases.save')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ channel: 'portal' }} data-testid="action-form">
        {tell ? (
          <>
            <Typography.Paragraph type="secondary">{t('cases.tellHint')}</Typography.Paragraph>
            <Form.Item name="channel" label={t('cases.channel')}><Radio.Group options={SEND.map((c) => ({ value: c, label: t(`cases.channels.${c}`) }))} /></Form.Item>
            <Form.Item name="body" label={t('cases.tellBody')} rules={[{ required: true, message: t('cases.required') }]}><Input.TextArea rows={4} data-testid="tell-body" /></Form.Item>
          </>
        ) : (
          <Form.Item name="text" label={label} rules={[{ required: action === 'record_solution' || action === 'reject', message: t('cases.required') }]}>
            <Input.TextArea rows={4} placeholder={placeholder} data-testid="action-text" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** Goodwill from the case: points through the ledger or a coupon, with a reason. */
export function GoodwillDialog({ pid, caseId, open, onClose, onDone }: { pid: string; caseId: string; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ kind: 'points' | 'coupon'; points?: number; coupon_type_id?: string; reason: string }>();
  const [types, setTypes] = useState<{ value: string; label: string }[]>([]);
  const kind = Form.useWatch('kind', form);
  // a double click grants once (the server replays the first answer); corrected values are a new request
  const keyFor = useAttemptKey(open);
  useEffect(() => {
    if (open) void listCouponTypes(pid).then((r) => setTypes(r.items.filter((x) => x.active).map((x) => ({ value: x.id, label: x.name }))), () => setTypes([]));
  }, [open, pid]);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const body = v.kind === 'points' ? { kind: 'points' as const, points: v.points!, reason: v.reason } : { kind: 'coupon' as const, coupon_type_id: v.coupon_type_id!, reason: v.reason };
      await giveGoodwill(pid, caseId, body, keyFor(body));
      void message.success(t('cases.goodwillDone'));
      form.resetFields();
      onDone();
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  return (
    <Modal open={open} title={t('cases.giveGoodwill')} onCancel={onClose} onOk={() => void submit()} okText={t('cases.save')} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('cases.goodwillHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ kind: 'points' }} data-testid="goodwill-form">
        <Form.Item name="kind"><Radio.Group options={(['points', 'coupon'] as const).map((k) => ({ value: k, label: t(`cases.goodwillKinds.${k}`) }))} /></Form.Item>
        {kind !== 'coupon'
          ? <Form.Item name="points" label={t('cases.points')} rules={[{ required: true, message: t('cases.required') }]}><InputNumber min={1} precision={0} style={{ width: 160 }} /></Form.Item>
          : <Form.Item name="coupon_type_id" label={t('cases.couponType')} rules={[{ required: true, message: t('cases.required') }]}><Select options={types} /></Form.Item>}
        <Form.Item name="reason" label={t('cases.reason')} rules={[{ required: true, message: t('cases.required') }]}><Input /></Form.Item>
      </Form>
    </Modal>
  );
}

/** A mediation (调解) or arbitration (仲裁) step on a complaint. */
export function ProceedingDialog({ pid, caseId, open, onClose, onDone }: { pid: string; caseId: string; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ kind: 'mediation' | 'arbitration'; held_on: { format(f: string): string }; parties: string; outcome?: string; documents?: string }>();
  const lines = (s?: string) => (s ?? '').split('\n').map((x) => x.trim()).filter(Boolean);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await addProceeding(pid, caseId, {
        kind: v.kind, held_on: v.held_on.format('YYYY-MM-DD'), parties: lines(v.parties), ...(v.outcome ? { outcome: v.outcome } : {}),
        documents: lines(v.documents).map((l) => { const [name, url] = l.split('|'); return { name: name!.trim(), url: (url ?? name!).trim() }; }),
      });
      form.resetFields();
      onDone();
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  return (
    <Modal open={open} title={t('cases.addProceeding')} onCancel={onClose} onOk={() => void submit()} okText={t('cases.save')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'mediation' }}>
        <Form.Item name="kind"><Radio.Group options={(['mediation', 'arbitration'] as const).map((k) => ({ value: k, label: t(`cases.proceedingKinds.${k}`) }))} /></Form.Item>
        <Form.Item name="held_on" label={t('cases.heldOn')} rules={[{ required: true, message: t('cases.required') }]}><DatePicker /></Form.Item>
        <Form.Item name="parties" label={t('cases.parties')} extra={t('cases.partiesHint')} rules={[{ required: true, message: t('cases.required') }]}><Input.TextArea rows={3} /></Form.Item>
        <Form.Item name="outcome" label={t('cases.outcome')}><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="documents" label={t('cases.documents')}><Input.TextArea rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}
