import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { listStores } from '../../api/endpoints.ts';
import { createStore, updateStore, type Store } from '../../api/staff.ts';
import { FormModal } from '../../lib/form-modal.tsx';
import { useSession } from '../../session/session.tsx';

interface Values { code: string; name: string; address?: string }

/** 门店: the program's stores; add one, correct a name or address. */
export function StoresTab() {
  const { t } = useTranslation();
  const { program } = useSession();
  const pid = program?.id ?? '';
  const [rows, setRows] = useState<Store[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Store | 'new' | null>(null);
  const load = useCallback(async () => {
    try {
      setRows((await listStores(pid)).items);
    } catch (err) {
      setError(errorText(err));
    }
  }, [pid]);
  useEffect(() => { void load(); }, [load]);

  const store = editing === 'new' ? null : editing;
  const submit = async (v: Values) => {
    const body = { code: v.code.trim(), name: v.name.trim(), address: v.address?.trim() || null };
    if (store) await updateStore(pid, store.id, body);
    else await createStore(pid, body);
    await load();
    return t('staff.saved');
  };

  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} style={{ marginBottom: 12 }} data-testid="store-create">{t('settings.newStore')}</Button>
      <Table<Store> rowKey="id" size="small" pagination={false} loading={rows === null && !error} dataSource={rows ?? []} data-testid="stores-table"
        columns={[
          { title: t('settings.storeCode'), dataIndex: 'code' },
          { title: t('settings.storeName'), dataIndex: 'name' },
          { title: t('settings.address'), dataIndex: 'address', render: (a: string | null) => a ?? t('common.none') },
          { title: '', key: 'edit', render: (_, s) => <Button size="small" onClick={() => setEditing(s)}>{t('vip.edit')}</Button> },
        ]}
      />
      <FormModal<Values> open={editing !== null} title={store ? store.name : t('settings.newStore')} testId="store-form" onClose={() => setEditing(null)} onSubmit={submit}
        initialValues={store ? { code: store.code, name: store.name, address: store.address ?? '' } : {}}>
        <Form.Item name="code" label={t('settings.storeCode')} rules={[{ required: true, whitespace: true, message: t('staff.required') }]}><Input data-testid="store-code" /></Form.Item>
        <Form.Item name="name" label={t('settings.storeName')} rules={[{ required: true, whitespace: true, message: t('staff.required') }]}><Input data-testid="store-name" /></Form.Item>
        <Form.Item name="address" label={t('settings.address')}><Input /></Form.Item>
      </FormModal>
    </>
  );
}
