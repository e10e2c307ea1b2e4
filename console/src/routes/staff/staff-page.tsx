import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, type ButtonProps, Card, Empty, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { listStores } from '../../api/endpoints.ts';
import { createStaff, listStaff, resetStaffPassword, unlockStaff, updateStaff, type Staff, type StaffRole } from '../../api/staff.ts';
import type { Store } from '../../api/types.ts';
import { FormModal } from '../../lib/form-modal.tsx';
import { formatTime } from '../../lib/format.ts';
import { useSession } from '../../session/session.tsx';

const ROLES: StaffRole[] = ['admin', 'marketing', 'account_manager', 'service_agent', 'quality', 'auditor', 'store_staff'];

interface Values { username: string; display_name: string; email?: string; role: StaffRole; store_id?: string; password?: string }

const isLocked = (s: Staff) => s.locked_until !== null && new Date(s.locked_until) > new Date();

/** 员工账号: who may sign in, with which role and store; reset a password, unlock, disable. */
export function StaffPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const { program, me } = useSession();
  const pid = program?.id ?? '';
  const [rows, setRows] = useState<Staff[] | null>(null);
  const [stores, setStores] = useState<Store[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [emailFor, setEmailFor] = useState<Staff | null>(null);
  const [temporary, setTemporary] = useState<{ username: string; password: string } | null>(null);

  const load = useCallback(async () => {
    if (!pid) return;
    try {
      const [s, st] = await Promise.all([listStaff(pid), listStores(pid)]);
      setRows(s.items);
      setStores(st.items);
    } catch (err) {
      setError(errorText(err));
    }
  }, [pid]);
  useEffect(() => { void load(); }, [load]);

  const storeName = (id: string | null) => (id ? stores.find((s) => s.id === id)?.name ?? id : t('common.none'));
  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      void message.success(done);
      await load();
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  const reset = (s: Staff) => modal.confirm({
    title: `${t('staff.reset')}: ${s.username}`, content: t('staff.resetConfirm'), okButtonProps: { 'data-testid': 'staff-reset-ok' } as ButtonProps,
    onOk: () => act(async () => setTemporary({ username: s.username, password: (await resetStaffPassword(pid, s.id)).temporary_password }), t('common.success')),
  });
  const disable = (s: Staff) => modal.confirm({
    title: `${t('staff.disable')}: ${s.username}`, content: t('staff.disableConfirm'), okButtonProps: { danger: true, 'data-testid': 'staff-disable-ok' } as ButtonProps,
    onOk: () => act(() => updateStaff(pid, s.id, { disabled: true }), t('staff.saved')),
  });
  const submit = async (v: Values) => {
    const created = await createStaff(pid, { username: v.username.trim(), display_name: v.display_name.trim(), email: v.email?.trim() || null, role: v.role, store_id: v.store_id ?? null, ...(v.password ? { password: v.password } : {}) });
    if (created.temporary_password) setTemporary({ username: created.username, password: created.temporary_password });
    await load();
    return t('staff.created');
  };

  return (
    <Card title={t('staff.title')} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="staff-create">{t('staff.create')}</Button>}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<Staff>
        rowKey="id" pagination={false} loading={rows === null && !error} dataSource={rows ?? []} data-testid="staff-table"
        locale={{ emptyText: <Empty description={t('staff.empty')} /> }}
        columns={[
          { title: t('staff.username'), dataIndex: 'username', render: (u: string) => <Typography.Text strong>{u}</Typography.Text> },
          { title: t('staff.displayName'), dataIndex: 'display_name' },
          { title: t('staff.email'), key: 'email', render: (_, s) => s.email ?? <Typography.Text type="secondary">—</Typography.Text> },
          { title: t('staff.role'), key: 'role', render: (_, s) => <Tag color="blue">{t(`header.role.${s.role}`)}</Tag> },
          { title: t('staff.store'), key: 'store', render: (_, s) => storeName(s.store_id) },
          {
            title: t('staff.status'), key: 'status', render: (_, s) => (
              <Space size={4} wrap data-testid={`staff-status-${s.username}`}>
                {s.disabled_at ? <Tag>{t('staff.disabled')}</Tag> : isLocked(s) ? <Tag color="red">{t('staff.locked')}</Tag> : <Tag color="green">{t('staff.active')}</Tag>}
                {s.must_change_password && <Tag color="orange">{t('staff.mustChange')}</Tag>}
                {s.totp_enabled && <Tag color="purple">{t('staff.totp')}</Tag>}
              </Space>
            ),
          },
          { title: t('staff.lastSignIn'), key: 'last', render: (_, s) => formatTime(s.last_sign_in_at) },
          {
            title: t('common.actions'), key: 'actions', render: (_, s) => (
              <Space size={4} data-testid={`staff-actions-${s.username}`}>
                <Button size="small" onClick={() => setEmailFor(s)} data-testid="staff-email-edit">{t('staff.email')}</Button>
                <Button size="small" onClick={() => reset(s)} data-testid="staff-reset">{t('staff.reset')}</Button>
                {isLocked(s) && <Button size="small" onClick={() => void act(() => unlockStaff(pid, s.id), t('staff.unlocked'))} data-testid="staff-unlock">{t('staff.unlock')}</Button>}
                {s.id !== me.staff_id && (s.disabled_at
                  ? <Button size="small" onClick={() => void act(() => updateStaff(pid, s.id, { disabled: false }), t('staff.saved'))}>{t('staff.enable')}</Button>
                  : <Button size="small" danger onClick={() => disable(s)} data-testid="staff-disable">{t('staff.disable')}</Button>)}
              </Space>
            ),
          },
        ]}
      />
      <FormModal<Values> open={creating} title={t('staff.create')} testId="staff-form" onClose={() => setCreating(false)} onSubmit={submit} initialValues={{ role: 'service_agent' }}>
        <Form.Item name="username" label={t('staff.username')} rules={[{ required: true, whitespace: true, message: t('staff.required') }]}>
          <Input autoComplete="off" data-testid="staff-username" />
        </Form.Item>
        <Form.Item name="display_name" label={t('staff.displayName')} rules={[{ required: true, whitespace: true, message: t('staff.required') }]}>
          <Input data-testid="staff-name" />
        </Form.Item>
        <Form.Item name="email" label={t('staff.email')} extra={t('staff.emailHint')}>
          <Input type="email" autoComplete="off" data-testid="staff-email" />
        </Form.Item>
        <Form.Item name="role" label={t('staff.role')} rules={[{ required: true }]}>
          <Select data-testid="staff-role" options={ROLES.map((r) => ({ value: r, label: t(`header.role.${r}`) }))} />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.role !== b.role}>
          {({ getFieldValue }) => (
            <Form.Item name="store_id" label={t('staff.store')} rules={[{ required: getFieldValue('role') === 'store_staff', message: t('staff.storeRequired') }]}>
              <Select allowClear data-testid="staff-store" options={stores.map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
          )}
        </Form.Item>
        <Form.Item name="password" label={t('staff.password')} extra={t('staff.passwordHint')}>
          <Input.Password autoComplete="new-password" data-testid="staff-password" />
        </Form.Item>
      </FormModal>
      <FormModal<{ email?: string }>
        open={emailFor !== null} title={`${t('staff.email')}: ${emailFor?.username ?? ''}`} testId="staff-email-form" onClose={() => setEmailFor(null)}
        initialValues={{ email: emailFor?.email ?? '' }}
        onSubmit={async (v) => { await updateStaff(pid, emailFor!.id, { email: v.email?.trim() || null }); await load(); return t('staff.saved'); }}
      >
        <Form.Item name="email" label={t('staff.email')} extra={t('staff.emailHint')}><Input type="email" data-testid="staff-email-input" /></Form.Item>
      </FormModal>
      <Modal open={temporary !== null} title={t('staff.tempTitle')} onCancel={() => setTemporary(null)} onOk={() => setTemporary(null)} cancelButtonProps={{ style: { display: 'none' } }} okButtonProps={{ 'data-testid': 'staff-temp-ok' } as ButtonProps} data-testid="staff-temp">
        <Typography.Paragraph>{temporary?.username}</Typography.Paragraph>
        <Typography.Paragraph copyable code style={{ fontSize: 18 }} data-testid="staff-temp-password">{temporary?.password}</Typography.Paragraph>
        <Typography.Text type="secondary">{t('staff.tempHint')}</Typography.Text>
      </Modal>
    </Card>
  );
}
