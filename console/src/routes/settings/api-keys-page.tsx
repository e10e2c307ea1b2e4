import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/session.tsx';
import { errorText } from '../../api/client.ts';
import { listStores } from '../../api/endpoints.ts';
import { createApiKey, listApiKeys, revokeApiKey, type ApiKey, type ApiKeyCreated } from '../../api/settings.ts';
import type { Store } from '../../api/types.ts';
import { FormModal } from '../../lib/form-modal.tsx';
import { formatTime } from '../../lib/format.ts';

interface Values { name: string; role: 'admin' | 'pos'; store_id?: string }

/**
 * API 密钥: keys are for machines (a till, a partner, BI), people sign in with their own
 * account. A new key is shown once, here; only its hash is kept.
 */
export function ApiKeysPage() {
  const programId = useSession().program!.id;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [stores, setStores] = useState<Store[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [made, setMade] = useState<ApiKeyCreated | null>(null);

  const load = useCallback(() => {
    Promise.all([listApiKeys(programId), listStores(programId)])
      .then(([k, s]) => { setKeys(k.items); setStores(s.items); }, (err: unknown) => setError(errorText(err)));
  }, [programId]);
  useEffect(load, [load]);

  async function submit(v: Values) {
    setMade(await createApiKey(programId, { name: v.name.trim(), role: v.role, store_id: v.role === 'pos' ? v.store_id ?? null : null }));
    load();
    return t('apiKeys.created');
  }
  async function revoke(k: ApiKey) {
    try {
      await revokeApiKey(programId, k.id);
      void message.success(t('apiKeys.revoked'));
      load();
    } catch (err) {
      void message.error(errorText(err));
    }
  }
  const storeName = (id: string | null) => (id ? stores.find((s) => s.id === id)?.name ?? id : t('common.none'));

  return (
    <Card title={<><KeyOutlined /> {t('apiKeys.title')}</>} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="api-key-create">{t('apiKeys.add')}</Button>}>
      <Typography.Paragraph type="secondary">{t('apiKeys.help')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<ApiKey>
        rowKey="id" size="middle" pagination={false} loading={keys === null && !error} dataSource={keys ?? []} data-testid="api-keys-table"
        columns={[
          { title: t('apiKeys.name'), dataIndex: 'name' },
          { title: t('apiKeys.role'), dataIndex: 'role', render: (r: ApiKey['role']) => <Tag color={r === 'pos' ? 'green' : 'blue'}>{t(`header.role.${r}`)}</Tag> },
          { title: t('apiKeys.store'), dataIndex: 'store_id', render: (id: string | null) => storeName(id) },
          { title: t('apiKeys.prefix'), dataIndex: 'prefix', render: (p: string) => <code>{p}…</code> },
          { title: t('apiKeys.createdAt'), dataIndex: 'created_at', render: (v: string) => formatTime(v) },
          {
            title: t('apiKeys.state'), key: 'state',
            render: (_, k) => (k.revoked_at ? <Tag>{t('apiKeys.revokedAt', { at: formatTime(k.revoked_at) })}</Tag> : <Tag color="success">{t('apiKeys.active')}</Tag>),
          },
          {
            title: '', key: 'revoke', width: 90,
            render: (_, k) => !k.revoked_at && (
              <Popconfirm title={t('apiKeys.revokeConfirm', { name: k.name })} okText={t('apiKeys.revoke')} okButtonProps={{ danger: true }} onConfirm={() => revoke(k)}>
                <Button size="small" danger data-testid="api-key-revoke">{t('apiKeys.revoke')}</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <FormModal<Values> open={open} title={t('apiKeys.add')} testId="api-key-form" onClose={() => setOpen(false)} onSubmit={submit} initialValues={{ role: 'pos', store_id: stores[0]?.id }}>
        <Form.Item name="name" label={t('apiKeys.name')} extra={t('apiKeys.nameHelp')} rules={[{ required: true, whitespace: true, message: t('apiKeys.required') }]}>
          <Input maxLength={100} data-testid="api-key-name" />
        </Form.Item>
        <Form.Item name="role" label={t('apiKeys.role')}>
          <Select options={(['pos', 'admin'] as const).map((r) => ({ value: r, label: `${t(`header.role.${r}`)} · ${t(`apiKeys.roleHelp.${r}`)}` }))} />
        </Form.Item>
        <Form.Item noStyle shouldUpdate>{({ getFieldValue }) => getFieldValue('role') === 'pos' && (
          <Form.Item name="store_id" label={t('apiKeys.store')} rules={[{ required: true, message: t('apiKeys.storeRequired') }]}>
            <Select options={stores.map((s) => ({ value: s.id, label: s.name }))} data-testid="api-key-store" />
          </Form.Item>
        )}</Form.Item>
      </FormModal>
      <Modal open={made !== null} title={t('apiKeys.shownOnce')} onOk={() => setMade(null)} onCancel={() => setMade(null)} cancelButtonProps={{ style: { display: 'none' } }} data-testid="api-key-made">
        <Alert type="warning" showIcon title={t('apiKeys.copyNow')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={{ text: made?.key ?? '' }} code data-testid="api-key-value">{made?.key}</Typography.Paragraph>
      </Modal>
    </Card>
  );
}
