import { useState } from 'react';
import { Alert, App as AntApp, Button, Descriptions, Drawer, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { completeRightsRequest, downloadExport, startRightsRequest, type RightsRequest } from '../../api/rights.ts';
import { ActorName } from '../../lib/actor-name.tsx';
import { formatTime } from '../../lib/format.ts';
import { newIdempotencyKey } from '../../lib/idempotency.ts';
import { useSession } from '../../session/session.tsx';
import { DueDate, RightsMember, RightsStatusTag } from './rights-tags.tsx';

interface Props { request: RightsRequest | null; onClose(): void; onChanged(r: RightsRequest): void; onRefuse(r: RightsRequest): void }

/** One request with what can be done next: start, complete (copy, correction, deletion), refuse, download the copy. */
export function RequestDrawer({ request: r, onClose, onChanged, onRefuse }: Props) {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const program = useSession().program!;
  const [busy, setBusy] = useState(false);
  const open = r !== null && (r.status === 'received' || r.status === 'in_progress');

  async function act(fn: () => Promise<RightsRequest>, done: string) {
    setBusy(true);
    try {
      onChanged(await fn());
      void message.success(done);
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  const complete = (body: { confirm_erasure?: true } = {}) => act(() => completeRightsRequest(program.id, r!.id, body, newIdempotencyKey()), t('rights.completed'));
  const confirmErasure = () => modal.confirm({
    title: t('rights.deletionConfirmTitle'),
    content: (
      <Space orientation="vertical">
        <Typography.Text>{t('rights.deletionConfirm')}</Typography.Text>
        <Typography.Text type="secondary" data-testid="rights-erasure-keeps">{t('rights.deletionKeeps')}</Typography.Text>
      </Space>
    ),
    okText: t('rights.deletionOk'), okButtonProps: { danger: true, ...({ 'data-testid': 'rights-erasure-ok' } as object) }, cancelText: t('common.cancel'),
    onOk: () => complete({ confirm_erasure: true }),
  });
  const download = async (format: 'json' | 'html') => {
    try {
      await downloadExport(program.id, r!, format);
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  const exportable = r?.kind === 'copy' && r.status === 'completed' && r.export_until !== null && new Date(r.export_until) > new Date();
  const result = r?.result as { rows?: Record<string, number>; sections?: number; fields?: string[]; coupons_voided?: number; staff_notes_erased?: number; case_attachments_elsewhere?: number } | null | undefined;

  return (
    <Drawer open={r !== null} onClose={onClose} size={560} title={t('rights.detail')} destroyOnHidden data-testid="rights-drawer">
      {r && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('rights.member')}><RightsMember r={r} /></Descriptions.Item>
            <Descriptions.Item label={t('rights.kind')}>{t(`rights.kinds.${r.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('rights.status')}><RightsStatusTag status={r.status} /></Descriptions.Item>
            <Descriptions.Item label={t('rights.channel')}>{t(`rights.channels.${r.channel}`)}</Descriptions.Item>
            <Descriptions.Item label={t('rights.receivedAt')}>{formatTime(r.received_at)}</Descriptions.Item>
            <Descriptions.Item label={t('rights.dueOn')}><DueDate r={r} /></Descriptions.Item>
            {r.note && <Descriptions.Item label={t('rights.note')}>{r.note}</Descriptions.Item>}
            {r.details && (
              <Descriptions.Item label={t('rights.details')}>
                {Object.entries(r.details).map(([k, v]) => <div key={k}>{t(`rights.fields.${k}`, { defaultValue: k })}：{String(v)}</div>)}
              </Descriptions.Item>
            )}
            {r.refusal_reason && <Descriptions.Item label={t('rights.refusal')}>{t(`rights.reasons.${r.refusal_reason}`)}：{r.refusal_text}</Descriptions.Item>}
            {r.handled_by && <Descriptions.Item label={t('rights.handledBy')}><ActorName id={r.handled_by} /></Descriptions.Item>}
            {result && (
              <Descriptions.Item label={t('rights.result')}>
                <span data-testid="rights-result">
                  {result.rows && t('rights.resultRows', { sections: result.sections ?? 0, rows: Object.values(result.rows).reduce((a, b) => a + b, 0) })}
                  {result.fields && t('rights.resultFields', { fields: result.fields.map((f) => t(`rights.fields.${f}`, { defaultValue: f })).join('、') })}
                  {r.kind === 'deletion' && t('rights.resultErased', { coupons: result.coupons_voided ?? 0, notes: result.staff_notes_erased ?? 0 })}
                  {/* files Patron only references: the operator deletes them from their own storage */}
                  {r.kind === 'deletion' && (result.case_attachments_elsewhere ?? 0) > 0 && (
                    <><br /><Typography.Text type="warning" data-testid="rights-result-attachments">{t('rights.resultAttachments', { n: result.case_attachments_elsewhere })}</Typography.Text></>
                  )}
                </span>
              </Descriptions.Item>
            )}
          </Descriptions>
          {r.kind === 'copy' && r.status === 'completed' && (exportable ? (
            <Space orientation="vertical">
              <Typography.Text type="secondary">{t('rights.exportUntil', { until: formatTime(r.export_until) })}</Typography.Text>
              <Space>
                <Button icon={<DownloadOutlined />} onClick={() => void download('json')} data-testid="rights-download-json">{t('rights.downloadJson')}</Button>
                <Button icon={<DownloadOutlined />} onClick={() => void download('html')} data-testid="rights-download-html">{t('rights.downloadHtml')}</Button>
              </Space>
            </Space>
          ) : <Alert type="info" showIcon title={t('rights.exportGone')} />)}
          {open && (
            <Space wrap>
              {r.status === 'received' && (
                <Button loading={busy} onClick={() => void act(() => startRightsRequest(program.id, r.id, newIdempotencyKey()), t('rights.started'))} data-testid="rights-start">{t('rights.start')}</Button>
              )}
              {r.kind === 'copy' && <Button type="primary" loading={busy} onClick={() => void complete()} data-testid="rights-complete">{t('rights.completeCopy')}</Button>}
              {r.kind === 'correction' && <Button type="primary" loading={busy} onClick={() => void complete()} data-testid="rights-complete">{t('rights.completeCorrection')}</Button>}
              {r.kind === 'deletion' && <Button type="primary" danger loading={busy} onClick={confirmErasure} data-testid="rights-complete">{t('rights.completeDeletion')}</Button>}
              <Button danger onClick={() => onRefuse(r)} data-testid="rights-refuse">{t('rights.refuse')}</Button>
            </Space>
          )}
        </Space>
      )}
    </Drawer>
  );
}
