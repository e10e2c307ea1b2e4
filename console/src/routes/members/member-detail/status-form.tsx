import { Alert, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeStatus, type StatusAction } from '../../../api/endpoints.ts';
import type { Member } from '../../../api/types.ts';
import { FormModal } from '../../../lib/form-modal.tsx';
import { useSession } from '../../../session/session.tsx';

interface Props {
  action: StatusAction | null;
  memberId: string;
  onClose(): void;
  onDone(m: Member): void;
}

export function StatusForm({ action, memberId, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const program = useSession().program!;

  async function submit(v: { reason: string }, key: string) {
    const m = await changeStatus(program.id, memberId, action!, v.reason.trim(), key);
    onDone(m);
    return t('common.success');
  }

  return (
    <FormModal<{ reason: string }>
      open={action !== null}
      onClose={onClose}
      title={action ? t(`status.titles.${action}`) : ''}
      testId="status-form"
      onSubmit={submit}
      danger={action === 'terminate'}
      okText={action ? t(`status.${action}`) : undefined}
    >
      {action === 'terminate' && <Alert type="warning" showIcon title={t('status.terminateWarning')} style={{ marginBottom: 16 }} />}
      <Form.Item name="reason" label={t('status.reason')} rules={[{ required: true, whitespace: true, message: t('status.reasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={200} showCount data-testid="status-reason" />
      </Form.Item>
    </FormModal>
  );
}
