import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, type ButtonProps, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { listStores } from '../../api/endpoints.ts';
import { createApiKey, listApiKeys, revokeApiKey, type ApiKey, type Store } from '../../api/staff.ts';
import { FormModal } from '../../lib/form-modal.tsx';
import { formatTime } from '../../lib/format.ts';
import { useSession } from '../../session/session.tsx';

interface Values { name: string; role: 'admin' | 'pos'; store_id?: string }

/** API 密钥: keys for machines (a till's POS, a CRM sync, BI); the key itself is shown once. */
export function ApiKeysTab() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const { program } = useSession();
  const pid = program?.id ?? '';
  const [rows, setRows] = useState<ApiKey[] | null>(null);
  const [stores, setStores] = useState<Store[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const [k, s] = await Promise.all([listApiKeys(pid), listStores(pid)]);
      setRows(k.items);
      setStores(s.items);
    } catch (err) {
      setError(errorText(err));
    }
  }, [pid]);
  useEffect(() => { void load(); }, [load]);

  const submit = async (v: Values) => {
    const made = await createApiKey(pid, { name: v.name.trim(), role: v.role, store_id: v.role === 'pos' ? v.store_id ?? null : null });
    setShown(made.key);
    await load();
    return t('staff.saved');
  };
  const revoke = (k: ApiKey) => modal.confirm({
    title: `${t('settings.revoke')}: ${k.name}`, content: t('settings.revokeConfirm'), okButtonProps: { danger: true } as ButtonProps,
    onOk: async () => {
      try {
        await revokeApiKey(pid, k.id);
        await load();
      } catch (err) {
        void message.error(errorText(err));
      }
    },
  });

  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} style={{ marginBottom: 12 }} data-testid="key-create">{t('settings.newKey')}</Button>
      <Table<ApiKey> rowKey="id" size="small" pagination={false} loading={rows === null && !error} dataSource={rows ?? []} data-testid="keys-table"
        columns={[
          { title: t('settings.keyName'), dataIndex: 'name' },
          { title: t('staff.role'), key: 'role', render: (_, k) => <Tag color={k.role === 'pos' ? 'orange' : 'blue'}>{t(`header.role.${k.role}`)}</Tag> },
          { title: t('staff.store'), key: 'store', render: (_, k) => (k.store_id ? stores.find((s) => s.id === k.store_id)?.name ?? k.store_id : t('common.none')) },
          { title: t('settings.prefix'), dataIndex: 'prefix', render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
          { title: t('settings.created'), key: 'created', render: (_, k) => formatTime(k.created_at) },
          { title: '', key: 'revoke', render: (_, k) => (k.revoked_at ? <Tag>{t('settings.revoked')} {formatTime(k.revoked_at)}</Tag> : <Button size="small" danger onClick={() => revoke(k)}>{t('settings.revoke')}</Button>) },
        ]}
      />
      <FormModal<Values> open={creating} title={t('settings.newKey')} testId="key-form" onClose={() => setCreating(false)} onSubmit={submit} initialValues={{ role: 'pos' }}>
        <Form.Item name="name" label={t('settings.keyName')} rules={[{ required: true, whitespace: true, message: t('staff.required') }]}><Input data-testid="key-name" /></Form.Item>
        <Form.Item name="role" label={t('staff.role')}>
          <Select options={[{ value: 'pos', label: t('header.role.pos') }, { value: 'admin', label: t('header.role.admin') }]} />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.role !== b.role}>
          {({ getFieldValue }) => getFieldValue('role') === 'pos' && (
            <Form.Item name="store_id" label={t('staff.store')} rules={[{ required: true, message: t('staff.storeRequired') }]}>
              <Select options={stores.map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
          )}
        </Form.Item>
      </FormModal>
      <Modal open={shown !== null} title={t('settings.keyShown')} onOk={() => setShown(null)} onCancel={() => setShown(null)} cancelButtonProps={{ style: { display: 'none' } }}>
        <Typography.Paragraph copyable code data-testid="key-shown">{shown}</Typography.Paragraph>
        <Typography.Text type="secondary">{t('settings.keyHint')}</Typography.Text>
      </Modal>
    </>
  );
}
