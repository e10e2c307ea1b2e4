import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/session.tsx';
import { errorText } from '../../api/client.ts';
import { listStores } from '../../api/endpoints.ts';
import { createStore, updateStore, type StoreInput } from '../../api/settings.ts';
import type { Store } from '../../api/types.ts';
import { FormModal } from '../../lib/form-modal.tsx';
import { formatTime } from '../../lib/format.ts';

/** 门店: the program's stores (what POS keys, staff, coupons and pick-ups belong to); add and edit. */
export function StoresPage() {
  const programId = useSession().program!.id;
  const { t } = useTranslation();
  const [stores, setStores] = useState<Store[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Store | 'new' | null>(null);

  const load = useCallback(() => {
    listStores(programId).then((r) => setStores(r.items), (err: unknown) => setError(errorText(err)));
  }, [programId]);
  useEffect(load, [load]);

  const store = editing === 'new' ? null : editing;
  async function submit(v: StoreInput) {
    const body = { code: v.code.trim(), name: v.name.trim(), address: v.address?.trim() || null };
    if (store) await updateStore(programId, store.id, body);
    else await createStore(programId, body);
    load();
    return t('stores.saved');
  }

  return (
    <Card title={t('stores.title')} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="store-create">{t('stores.add')}</Button>}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<Store>
        rowKey="id" size="middle" pagination={false} loading={stores === null && !error} dataSource={stores ?? []} data-testid="stores-table"
        columns={[
          { title: t('stores.code'), dataIndex: 'code', width: 140 },
          { title: t('stores.name'), dataIndex: 'name' },
          { title: t('stores.address'), dataIndex: 'address', render: (a: string | null) => a ?? t('common.none') },
          { title: t('stores.id'), dataIndex: 'id', render: (id: string) => <code>{id}</code> },
          { title: t('stores.createdAt'), dataIndex: 'created_at', render: (v: string) => formatTime(v) },
          { title: '', key: 'edit', width: 80, render: (_, s) => <Button size="small" onClick={() => setEditing(s)} data-testid="store-edit">{t('stores.edit')}</Button> },
        ]}
      />
      <FormModal<StoreInput>
        open={editing !== null} title={store ? t('stores.editTitle') : t('stores.add')} testId="store-form" onClose={() => setEditing(null)} onSubmit={submit}
        initialValues={store ? { code: store.code, name: store.name, address: store.address } : {}}
      >
        <Form.Item name="code" label={t('stores.code')} extra={t('stores.codeHelp')} rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{1,32}$/, message: t('stores.codeHelp') }]}>
          <Input maxLength={32} data-testid="store-code" />
        </Form.Item>
        <Form.Item name="name" label={t('stores.name')} rules={[{ required: true, whitespace: true, message: t('stores.required') }]}>
          <Input maxLength={100} data-testid="store-name" />
        </Form.Item>
        <Form.Item name="address" label={t('stores.address')}><Input maxLength={300} /></Form.Item>
      </FormModal>
    </Card>
  );
}
