import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText } from '../../../api/client.ts';
import { caseAgents, getAccountManager, listCases, openCase, setAccountManager, type AccountManager, type CaseAgent, type CaseOpen, type CaseRow } from '../../../api/cases.ts';
import { formatTime } from '../../../lib/format.ts';
import { useSession } from '../../../session/session.tsx';
import { PriorityTag, StatusTag, TypeTag } from '../../cases/case-tags.tsx';
import { useAttemptKey } from '../../../lib/idempotency.ts';

/** The member's service requests and complaints, a "new case" button, and their dedicated account manager (专属客户经理). */
export function MemberCasesCard({ programId, memberId }: { programId: string; memberId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { can } = useSession();
  const [items, setItems] = useState<CaseRow[] | null>(null);
  const [am, setAm] = useState<AccountManager | null>(null);
  const [managers, setManagers] = useState<CaseAgent[]>([]);
  const [opening, setOpening] = useState(false);
  const [form] = Form.useForm<CaseOpen>();
  // a double click opens one case; corrected values are a new request
  const keyFor = useAttemptKey(opening);
  const load = useCallback(() => {
    void listCases(programId, { member_id: memberId, limit: 20 }).then((r) => setItems(r.items), () => setItems([]));
    void getAccountManager(programId, memberId).then(setAm, () => setAm(null));
  }, [programId, memberId]);
  useEffect(() => { load(); }, [load]);
  useEffect(() => { if (can('cases.manage')) void caseAgents(programId).then((r) => setManagers(r.items.filter((a) => a.role === 'account_manager')), () => setManagers([])); }, [programId, can]);

  const submit = async () => {
    const v = await form.validateFields();
    try {
      const body = { ...v, member_id: memberId };
      const c = await openCase(programId, body, keyFor(body));
      void message.success(t('cases.opened_ok'));
      setOpening(false);
      navigate(`/cases/${c.id}`);
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  const changeAm = async (staffId: string | null) => {
    try { setAm(await setAccountManager(programId, memberId, staffId)); void message.success(t('cases.accountManagerSaved')); } catch (err) { void message.error(errorText(err)); }
  };

  return (
    <Card title={t('cases.memberCases')} data-testid="member-cases-card"
      extra={can('cases.work') ? <Button size="small" icon={<PlusOutlined />} onClick={() => { form.resetFields(); setOpening(true); }} data-testid="new-case">{t('cases.newCase')}</Button> : null}>
      <Space style={{ marginBottom: 12 }} data-testid="account-manager">
        <Typography.Text type="secondary">{t('cases.accountManager')}：</Typography.Text>
        {can('cases.manage')
          ? <Select size="small" allowClear style={{ minWidth: 180 }} placeholder={t('cases.noAccountManager')} value={am?.staff_id ?? undefined}
            options={managers.map((m) => ({ value: m.id, label: m.display_name }))} onChange={(v?: string) => void changeAm(v ?? null)} />
          : <Typography.Text>{am?.staff_name ?? t('cases.noAccountManager')}</Typography.Text>}
      </Space>
      <Table<CaseRow> rowKey="id" size="small" loading={items === null} dataSource={items ?? []} pagination={false} locale={{ emptyText: t('cases.empty') }}
        onRow={(c) => ({ onClick: () => navigate(`/cases/${c.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('cases.number'), key: 'n', dataIndex: 'number', width: 150 },
          { title: t('cases.type'), key: 'type', width: 100, render: (_, c) => <TypeTag type={c.type} /> },
          { title: t('cases.subject'), key: 'subject', dataIndex: 'subject', ellipsis: true },
          { title: t('cases.status'), key: 'status', render: (_, c) => <StatusTag c={c} /> },
          { title: t('cases.priority'), key: 'p', width: 80, render: (_, c) => <PriorityTag priority={c.priority} /> },
          { title: t('cases.opened'), key: 'o', width: 150, render: (_, c) => formatTime(c.opened_at) },
        ]} />
      <Modal open={opening} title={t('cases.newCase')} onCancel={() => setOpening(false)} onOk={() => void submit()} okText={t('cases.save')} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ type: 'complaint', channel: 'phone', priority: 'normal', route: true }} data-testid="new-case-form">
          <Form.Item name="type" label={t('cases.type')}><Select options={(['complaint', 'service_request'] as const).map((x) => ({ value: x, label: t(`cases.types.${x}`) }))} /></Form.Item>
          <Form.Item name="channel" label={t('cases.channel')}><Select options={(['phone', 'sms', 'email', 'portal', 'wechat', 'store'] as const).map((x) => ({ value: x, label: t(`cases.channels.${x}`) }))} /></Form.Item>
          <Form.Item name="priority" label={t('cases.priority')}><Select options={(['low', 'normal', 'high', 'urgent'] as const).map((x) => ({ value: x, label: t(`cases.priorities.${x}`) }))} /></Form.Item>
          <Form.Item name="subject" label={t('cases.subject')} rules={[{ required: true, message: t('cases.required') }]}><Input maxLength={200} /></Form.Item>
          <Form.Item name="description" label={t('cases.description')}><Input.TextArea rows={3} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
